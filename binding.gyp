{
  "targets": [
    {
      "target_name": "scaling",
      "sources": ["native/scaling.c", "native/grid.c"],
      "cflags": ["-O3", "-std=c11", "-ffp-contract=off", "-Wall", "-Wextra"],
      "libraries": ["-lpthread"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-ffp-contract=off"] }
    }
  ]
}
