package dev.crossmodal.examples.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * One HTTP request and its response, as the endpoints see them: the few things they need from the
 * HTTP server, so that endpoint logic does not depend on the server's API.
 */
final class Exchange {
  private final Request request;
  private final Response response;
  private boolean sent;

  Exchange(Request request, Response response) {
    this.request = request;
    this.response = response;
  }

  String method() {
    return request.getMethod();
  }

  /** The decoded path, such as {@code /search}. */
  String path() {
    String decoded = request.getHttpURI().getDecodedPath();
    return decoded == null ? "/" : decoded;
  }

  /** The path as sent, still percent-encoded. */
  String rawPath() {
    String raw = request.getHttpURI().getPath();
    return raw == null ? "/" : raw;
  }

  String requestHeader(String name) {
    return request.getHeaders().get(name);
  }

  /** {@code http://address:port} of the socket that accepted the request. */
  String localOrigin() {
    String address = Request.getLocalAddr(request);
    if (address.contains(":")) {
      address = "[" + address + "]";
    }
    return "http://" + address + ":" + Request.getLocalPort(request);
  }

  InputStream requestBody() {
    return Request.asInputStream(request);
  }

  void setResponseHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  void removeResponseHeader(String name) {
    response.getHeaders().remove(name);
  }

  /** Whether a response has been sent already (then it can no longer be replaced). */
  boolean responded() {
    return sent || response.isCommitted();
  }

  /** Sends the whole response and waits until it is written; an empty body sends none. */
  void respond(int status, String contentType, byte[] body) throws IOException {
    sent = true;
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    boolean head = "HEAD".equals(method());
    if (status != 204) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
    }
    FutureCallback done = new FutureCallback();
    response.write(true, head || body.length == 0 ? null : ByteBuffer.wrap(body), done);
    try {
      done.block();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** Completes the exchange with Jetty: called once, after the endpoint returned or failed. */
  void complete(Callback callback) {
    callback.succeeded();
  }
}
