// swift-tools-version: 6.3
import PackageDescription

/// Warnings are defects: the test command (`scripts/test`, which CI runs) sets
/// ACSA_WARNINGS_AS_ERRORS=1 and every acsa target then treats them as errors. A plain
/// `swift build` and a package that depends on acsa get warnings as warnings (a newer
/// compiler's new warning must not break a user's build).
let strict: [SwiftSetting] =
  Context.environment["ACSA_WARNINGS_AS_ERRORS"] == "1" ? [.treatAllWarnings(as: .error)] : []

let package = Package(
  name: "acsa",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "acsa", targets: ["acsa"]),
    // The core as libraries: the rules and books; scenario files; the ledger; the replay
    // (run, Monte Carlo, walkthrough); the audit; what users read (text, JSON, CSV, the
    // format reference, the glossary); the HTML report.
    .library(name: "ACSADomain", targets: ["ACSADomain"]),
    .library(name: "ACSAScenario", targets: ["ACSAScenario"]),
    .library(name: "ACSALedger", targets: ["ACSALedger"]),
    .library(name: "ACSASimulation", targets: ["ACSASimulation"]),
    .library(name: "ACSAAudit", targets: ["ACSAAudit"]),
    .library(name: "ACSAReports", targets: ["ACSAReports"]),
    .library(name: "ACSAHTML", targets: ["ACSAHTML"]),
    .library(name: "ACSALive", targets: ["ACSALive"]),
    .library(name: "ACSAServer", targets: ["ACSAServer"]),
    .executable(name: "acsa-insert-baseline", targets: ["InsertBaseline"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
    // The live exercise's server (`acsa serve`) and its password hashes.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    // A ledger kept in PostgreSQL (`--db postgres://...`).
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    .target(name: "ACSADomain", swiftSettings: strict),
    // Files written whole or not at all, never over what is not acsa's; locks; I/O errors in words.
    .target(name: "ACSAFiles", swiftSettings: strict),
    .target(
      name: "ACSAScenario",
      dependencies: ["ACSADomain", "ACSAFiles", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    .target(
      name: "ACSALedger",
      dependencies: [
        "ACSADomain", "ACSAFiles",
        .product(name: "GRDB", package: "GRDB.swift"),
        // SQLite's C interface, for the audit's scans of every posting and obligation.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
    .target(
      name: "ACSASimulation",
      dependencies: ["ACSADomain", "ACSAScenario", "ACSALedger"],
      swiftSettings: strict),
    .target(
      name: "ACSAAudit",
      dependencies: ["ACSADomain", "ACSAScenario", "ACSASimulation", "ACSALedger", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict),
    .target(
      name: "ACSAReports",
      dependencies: [
        "ACSADomain", "ACSAFiles", "ACSAScenario", "ACSALedger", "ACSASimulation", "ACSAAudit",
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: strict),
    .target(
      name: "ACSAHTML",
      dependencies: ["ACSADomain", "ACSAFiles", "ACSALedger", "ACSAAudit", "ACSASimulation"],
      // GRDB's string-interpolated SQL must never stand in for a String here.
      swiftSettings: strict + [.enableUpcomingFeature("MemberImportVisibility")]),
    // A ledger that grows event by event: `acsa record` and the live exercise.
    .target(
      name: "ACSALive",
      dependencies: [
        "ACSADomain", "ACSAFiles", "ACSAScenario", "ACSASimulation", "ACSALedger", "ACSAAudit",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    // A ledger kept in PostgreSQL: its tables, appended to in the same transactions as
    // the working copy; read back into SQLite for the readers.
    .target(
      name: "ACSAPostgres",
      dependencies: [
        "ACSAFiles", "ACSALedger",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ],
      swiftSettings: strict),
    // `acsa serve`: the live exercise in the browser, over HTTP.
    .target(
      name: "ACSAServer",
      dependencies: [
        "ACSADomain", "ACSAFiles", "ACSAScenario", "ACSASimulation", "ACSALedger", "ACSAAudit", "ACSAReports", "ACSAHTML", "ACSALive", "ACSAPostgres",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "acsa",
      dependencies: [
        "ACSADomain", "ACSAFiles", "ACSAScenario", "ACSASimulation", "ACSALedger", "ACSAAudit", "ACSAReports", "ACSAHTML", "ACSALive",
        "ACSAServer", "ACSAPostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Rainbow", package: "Rainbow"),
      ],
      swiftSettings: strict),
    // The scenario loader's fuzz target: `scripts/fuzz` builds it with libFuzzer.
    .executableTarget(
      name: "ACSAFuzz", dependencies: ["ACSADomain", "ACSAScenario", "ACSASimulation"], swiftSettings: strict),
    .executableTarget(
      name: "InsertBaseline",
      dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
      path: "Benchmarks/InsertBaseline",
      swiftSettings: strict),
    .testTarget(
      name: "ACSADomainTests",
      dependencies: [
        "ACSADomain", .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "ACSAScenarioTests", dependencies: ["ACSAScenario"], swiftSettings: strict),
    .testTarget(
      name: "ACSASimulationTests",
      dependencies: [
        "ACSASimulation", "ACSAScenario", "ACSALedger", "ACSADomain", "ACSAAudit",
        .product(name: "PropertyBased", package: "swift-property-based"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "ACSALedgerTests", dependencies: ["ACSALedger", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
    .testTarget(
      name: "ACSAAuditTests", dependencies: ["ACSAAudit", "ACSASimulation", "ACSAScenario", "ACSALedger", "ACSADomain"],
      swiftSettings: strict),
    .testTarget(
      name: "ACSALiveTests",
      dependencies: [
        "ACSALive", "ACSAAudit", "ACSASimulation", "ACSAScenario", "ACSALedger", "ACSADomain", "ACSAFiles",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "ACSAServerTests",
      dependencies: [
        "ACSAServer", "ACSALive", "ACSAAudit", "ACSASimulation", "ACSAScenario", "ACSALedger", "ACSADomain", "ACSAHTML", "ACSAPostgres",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: strict),
    .testTarget(name: "ACSAReportsTests", dependencies: ["ACSAReports", "ACSAAudit", "ACSADomain"], swiftSettings: strict),
    .testTarget(
      name: "ACSAHTMLTests", dependencies: ["ACSAHTML", "ACSALedger", "ACSADomain"], swiftSettings: strict),
    .testTarget(
      name: "acsaCLITests",
      dependencies: ["acsa", "ACSALedger", "ACSAHTML", "ACSAReports", .product(name: "CSV", package: "CSV.swift")],
      exclude: ["Golden", "Scripts", "Faults", "Fixtures"],
      swiftSettings: strict),
  ]
)
