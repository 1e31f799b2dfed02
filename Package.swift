// swift-tools-version:6.0
// Targets are listed in pipeline order: ICU (C API) -> ICUText (Swift wrapper, no Foundation)
// -> DiscourseKit (corpus, tokens, counting, statistics, analyses, study, output) -> the
// `discourse` command. Yams reads study files; swift-mustache renders the report; the
// system's libcrypto hashes the files run.json lists; libxlsxwriter writes workbooks.
import Foundation
import PackageDescription

let package = Package(
    name: "discourse",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DiscourseKit", targets: ["DiscourseKit"]),
        .executable(name: "discourse", targets: ["discourse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // The system ICU (Debian: libicu-dev), through static inline shims that keep ICU's
        // versioned symbol renaming (ubrk_open -> ubrk_open_72) intact.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        // SHA-256 for run.json from the system's libcrypto (Debian: libssl-dev).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // .xlsx workbooks for --xlsx (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        // The only target that sees ICU's headers. It never imports Foundation, whose own
        // copy of ICU would clash with the system headers.
        .target(name: "ICUText", dependencies: ["CICU"]),
        .target(
            name: "DiscourseKit",
            dependencies: [
                "ICUText",
                "COpenSSL",
                "CXLSXWriter",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "discourse",
            dependencies: [
                "DiscourseKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "discourse-bench", dependencies: ["DiscourseKit", "ICUText"]),
        .testTarget(name: "DiscourseKitTests", dependencies: ["DiscourseKit", "ICUText"]),
        .testTarget(name: "DiscourseCLITests", dependencies: ["discourse"]),
    ]
)

// The libFuzzer targets, only when asked for (they have no main of their own and are built with
// -sanitize=fuzzer,address; see Tests/Fuzz/run.sh and docs/fuzzing.md).
if ProcessInfo.processInfo.environment["DISCOURSE_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "discourse-fuzz", dependencies: ["DiscourseKit", "ICUText"]))
}
