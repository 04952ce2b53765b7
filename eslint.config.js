// Lint: the recommended rules of eslint and typescript-eslint, on sources, tests and scripts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        performance: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        TextDecoder: "readonly",
        TextEncoder: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // The core never prints, exits or reads flags (DESIGN.md, Layout).
    files: ["src/io/**", "src/laws/**", "src/fit/**", "src/plan/**", "src/check/**"],
    rules: {
      "no-console": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "exit", message: "The core never exits: throw a ScalingError." },
        { object: "process", property: "argv", message: "The core never reads flags." },
        { object: "process", property: "stdout", message: "The core never prints." },
        { object: "process", property: "stderr", message: "The core never prints." },
      ],
    },
  },
  {
    // The executable is CommonJS (bin/package.json): it requires the bundle.
    files: ["bin/**"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
