package dev.crossmodal.examples.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of {@code encode --engine spark} and {@code import}: the master from
 * {@code --master}, else from {@code spark-submit}'s configuration, else {@code local[*]}. A local
 * master binds the driver to the loopback interface, and the web UI stays off unless configured.
 */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession start(String appName, String master) {
    SparkConf conf = new SparkConf(true);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.app.name", appName);
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
