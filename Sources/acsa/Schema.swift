import ACSAScenario
import ArgumentParser

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the scenario format as a JSON Schema, for YAML editors.",
    discussion: """
      A YAML editor that reads JSON Schemas (VS Code with the YAML extension, or any \
      editor using yaml-language-server) then checks a scenario as you type and \
      completes its keys. docs/scenario.schema.json is a copy; a scenario names it on \
      its first line, as `acsa new` writes:

        # yaml-language-server: $schema=docs/scenario.schema.json

      The schema checks shapes and types; `acsa validate` checks everything (ids that \
      refer to each other, dates within the period, a currency's digits).

      Examples:
        acsa schema > scenario.schema.json
      """)

  func run() throws {
    print(ScenarioSchema.json(), terminator: "")
  }
}
