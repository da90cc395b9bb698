// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "briefgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "briefgen", targets: ["briefgen"]),
        .library(name: "BriefgenKit", targets: ["BriefgenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CGumbo",
            path: "Sources/CGumbo",
            pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        .target(
            name: "BriefgenKit",
            dependencies: [
                "CCmarkGFM",
                "CGumbo",
                .product(name: "Yams", package: "Yams"),
            ],
            // The default theme as files, compiled into the binary (`Render/DefaultTheme.swift`).
            resources: [.embedInCode("Theme")]
        ),
        .target(
            name: "BriefgenServe",
            dependencies: [
                "BriefgenKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "briefgen",
            dependencies: [
                "BriefgenKit",
                "BriefgenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian's libjemalloc-dev) replaces glibc's malloc in the command: a build
            // allocates and frees millions of small strings and arrays from two threads, where
            // it spends markedly less CPU (README, Performance).
            linkerSettings: [.linkedLibrary("jemalloc")]
        ),
        .executableTarget(
            name: "briefgen-bench",
            dependencies: ["BriefgenKit", "BriefgenServe"]
        ),
        .testTarget(
            name: "BriefgenKitTests",
            dependencies: ["BriefgenKit", "CGumbo"]
        ),
        .testTarget(
            name: "BriefgenServeTests",
            dependencies: ["BriefgenServe", "BriefgenKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
