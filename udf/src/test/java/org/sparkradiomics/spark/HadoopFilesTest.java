package org.sparkradiomics.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {
  @TempDir Path tmp;

  @Test
  void localPathsAreReadInPlaceAndRemoteOnesAreStagedAndDeleted() throws Exception {
    Path src = tmp.resolve("export/S1/image");
    Files.createDirectories(src.resolve("sub"));
    Files.writeString(src.resolve("a.dcm"), "AAA");
    Files.writeString(src.resolve("sub/b.dcm"), "BBBB");
    Files.writeString(src.resolve(".hidden"), "x");
    HadoopFiles hf = HadoopFiles.local();

    try (HadoopFiles.Staged s = hf.stage(src.toString())) {
      assertFalse(s.copied());
      assertEquals(src, s.path());
    }
    assertTrue(Files.exists(src.resolve("a.dcm")), "a local input is never deleted");

    // file: URIs are local too; listing goes through Hadoop's FileSystem API.
    String uri = src.toUri().toString();
    assertTrue(HadoopFiles.isLocal(uri));
    assertFalse(HadoopFiles.isLocal("s3a://bucket/export"));
    HadoopFiles viaJava = roundTrip(HadoopFiles.fromConfiguration(new Configuration()));
    List<HadoopFiles.FileEntry> files = viaJava.list(uri);
    assertEquals(2, files.size(), "hidden files are skipped: " + files);
    assertTrue(files.get(0).uri().endsWith("/image/a.dcm"));
    assertEquals(3, files.get(0).size());
    assertEquals(4, files.get(1).size());
    assertTrue(viaJava.exists(uri + "a.dcm"));
    assertFalse(viaJava.exists(uri + "nope.dcm"));
    // The copying branch (non-local schemes) runs against a real S3 server in the jobs S3Proxy integration test.
  }

  private static HadoopFiles roundTrip(HadoopFiles h) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
      o.writeObject(h);
    }
    try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
      return (HadoopFiles) i.readObject();
    }
  }
}
