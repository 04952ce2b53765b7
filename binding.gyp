{
  "targets": [
    {
      "target_name": "scaling",
      "sources": ["native/scaling.c"],
      "cflags": ["-O3", "-std=c11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2"] }
    }
  ]
}
