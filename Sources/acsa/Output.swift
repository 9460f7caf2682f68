import ACSADomain
import ACSAScenario
import ACSASimulation
import ArgumentParser
import Foundation

/// Printing helpers shared by the subcommands.
enum Output {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data(("acsa: error: " + message + "\n").utf8))
  }

  static func stderr(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Stable JSON: sorted keys, pretty-printed, no escaped slashes.
  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(iso: text) else {
      throw ValidationError("\(option): '\(text)' is not a date; write YYYY-MM-DD, e.g. 2027-03-31")
    }
    return day
  }
}

/// Loading a scenario for a subcommand: static errors are printed (all of them, with a
/// count) and end the command with exit status 2.
enum ScenarioInput {
  /// The scenario (with `seed` when given) and the events its generators add.
  static func load(_ file: String, seed: UInt64?, consequence: String = "") throws -> (Scenario, [ScenarioEvent]) {
    do {
      let loaded = try ScenarioLoader.load(path: file)
      let scenario = seed.map { loaded.with(seed: $0) } ?? loaded
      return (scenario, try Generation.events(for: scenario, seed: scenario.seed))
    } catch {
      throw report(error, file: file, consequence: consequence)
    }
  }

  /// The scenario (with `seed` when given) and its generated events as a stream, drawn
  /// as the run goes (the static errors are found before).
  static func loadStream(_ file: String, seed: UInt64?, consequence: String = "") throws -> (Scenario, GeneratedStream) {
    do {
      let loaded = try ScenarioLoader.load(path: file)
      let scenario = seed.map { loaded.with(seed: $0) } ?? loaded
      return (scenario, try Generation.stream(for: scenario, seed: scenario.seed))
    } catch {
      throw report(error, file: file, consequence: consequence)
    }
  }

  static func report(_ error: ScenarioErrors, file: String, consequence: String) -> ExitCode {
    for d in error.diagnostics { Output.stderr(d.description) }
    Output.stderr("\(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") in \(file)\(consequence)")
    return Exit.badInput
  }
}
