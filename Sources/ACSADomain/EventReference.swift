/// Where a row came from in the event log: its sequence number, the scenario's event id
/// and line (none for a deadline conversion), and the action (`pay`, `deadline_convert`).
public struct EventReference: Hashable, Sendable {
  public let seq: Int
  public let id: String?
  public let line: Int?
  public let action: String

  public init(seq: Int, id: String?, line: Int?, action: String) {
    self.seq = seq
    self.id = id
    self.line = line
    self.action = action
  }
}
