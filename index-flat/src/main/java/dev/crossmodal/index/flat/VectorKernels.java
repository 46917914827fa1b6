package dev.crossmodal.index.flat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the vector kernel once per JVM, as Lucene's {@code VectorizationProvider} does: the
 * Panama SIMD kernel when the incubating {@code jdk.incubator.vector} module is present (start the
 * JVM with {@code --add-modules jdk.incubator.vector}) and the CPU has vector registers of at least
 * 128 bits, otherwise the scalar kernel. The choice and its reason are logged at start-up.
 *
 * <p>Setting the system property {@value #FORCE_SCALAR_PROPERTY} to {@code true} forces the scalar
 * kernel, to rule the SIMD path out when chasing a problem.
 *
 * <pre>{@code
 * VectorKernel kernel = VectorKernels.get();   // "panama" or "scalar"
 * }</pre>
 */
public final class VectorKernels {
  /** System property that forces the scalar kernel when set to {@code true}. */
  public static final String FORCE_SCALAR_PROPERTY = "crossmodal.vector.scalar";

  private static final Logger LOG = LoggerFactory.getLogger(VectorKernels.class);
  private static final String PANAMA_CLASS = "dev.crossmodal.index.flat.PanamaVectorKernel";
  /** Lane count of an x86-64 AVX2 unit; the scalar kernel copies the SIMD one when present. */
  private static final int DEFAULT_SCALAR_LANES = 8;

  private VectorKernels() {}

  private static final class Holder {
    static final VectorKernel INSTANCE = choose(System.getProperty(FORCE_SCALAR_PROPERTY));
  }

  /** {@return the kernel chosen for this JVM} */
  public static VectorKernel get() {
    return Holder.INSTANCE;
  }

  /**
   * {@return the scalar kernel, with the lane count of the SIMD kernel when that one is available}
   */
  public static VectorKernel scalar() {
    VectorKernel simd = loadPanama();
    return new ScalarVectorKernel(simd != null ? simd.lanes() : DEFAULT_SCALAR_LANES);
  }

  /**
   * {@return the Panama kernel}
   *
   * @throws IllegalStateException if the {@code jdk.incubator.vector} module is not available
   */
  public static VectorKernel panama() {
    VectorKernel simd = loadPanama();
    if (simd == null) {
      throw new IllegalStateException(
          "The Panama vector kernel needs the JVM flag --add-modules jdk.incubator.vector");
    }
    return simd;
  }

  /** Chooses and logs; {@code forceScalar} is the value of {@value #FORCE_SCALAR_PROPERTY}. */
  static VectorKernel choose(String forceScalar) {
    if (Boolean.parseBoolean(forceScalar)) {
      VectorKernel kernel = scalar();
      LOG.info("Vector kernel: scalar, because -D{}=true", FORCE_SCALAR_PROPERTY);
      return kernel;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.warn(
          "Vector kernel: scalar, because module jdk.incubator.vector is not loaded; start the JVM"
              + " with --add-modules jdk.incubator.vector for the SIMD kernel (several times"
              + " faster)");
      return new ScalarVectorKernel(DEFAULT_SCALAR_LANES);
    }
    VectorKernel simd = loadPanama();
    if (simd == null) {
      LOG.warn("Vector kernel: scalar, because the Panama kernel could not be loaded (see above)");
      return new ScalarVectorKernel(DEFAULT_SCALAR_LANES);
    }
    if (simd.lanes() * Float.SIZE < 128) {
      LOG.warn("Vector kernel: scalar, because this CPU offers only {}", simd);
      return new ScalarVectorKernel(simd.lanes());
    }
    LOG.info("Vector kernel: panama ({})", simd);
    return simd;
  }

  /** The Panama kernel, or null when the incubator module is absent. */
  private static VectorKernel loadPanama() {
    try {
      return (VectorKernel)
          Class.forName(PANAMA_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("Panama vector kernel unavailable", e);
      return null;
    }
  }
}
