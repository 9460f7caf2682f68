import ACSADomain
import ACSAFiles
import ACSAScenario
import ACSASimulation
import ArgumentParser
import Foundation

struct Expand: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a scenario with its generators replaced by the events they produce.",
    discussion: """
      The result is a plain scenario file a user can read and edit: every scripted and \
      generated event, in the order they are applied. Running it gives the same \
      ledger_digest as running the original with the same seed.

      -o PATH is written whole or not at all, and replaces only a file that `acsa expand` \
      wrote (never the scenario it reads, nor a scenario written by hand).
      """)

  /// What `-o` replaces: a file `acsa expand` wrote (its first line), or nothing.
  static let expandedKind = OutputKind.text("a scenario written by acsa expand", firstLine: "# Expanded by acsa")

  @Argument(help: "The scenario file (YAML).")
  var file: String

  @Option(help: ArgumentHelp("The seed of the random stream (default: the scenario's `seed`).", valueName: "S"))
  var seed: UInt64?

  @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "PATH"))
  var output: String?

  func run() throws {
    let (scenario, generated) = try ScenarioInput.load(file, seed: seed)
    let events = (scenario.events + generated).sorted { ($0.date, $0.index) < ($1.date, $1.index) }
    let text = ScenarioWriter.expanded(
      scenario, seed: scenario.seed, events: events,
      comment:
        "Expanded by acsa \(ACSAVersion.current) from \(file) with seed \(scenario.seed):\n\(scenario.events.count) scripted and \(generated.count) generated events, in the order they apply."
    )
    if let output {
      let file = try AtomicOutput(path: output, kind: Self.expandedKind, inputs: [file])
      try file.write(text)
      try file.commit()
    } else {
      print(text, terminator: "")
    }
  }
}
