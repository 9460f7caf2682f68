import ACSADomain

/// The `scenario` section.
struct ScenarioHeader {
  let name: String
  let description: String?
  let start: Day
  let end: Day
  let seed: UInt64
}
