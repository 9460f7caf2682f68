import ACSADomain

/// Who may do what in a live exercise. Each action belongs to a party of its order: the
/// receiver orders, pays, returns, exchanges, asks to transfer and cancels its request;
/// the provider delivers, claims, invoices, converts what was not replaced in time and
/// closes the order; each party signs for itself. Control may act for either party,
/// record an event in one book only (a lapse), offset claims (which nets both parties'
/// books at once) and check expectations. A team acts on the orders of its own book.
public enum Permissions {
  /// Whose an action is.
  public enum Owner: String, Sendable, CaseIterable {
    case receiver, provider
    /// Each party for itself (a signature).
    case eachParty = "each party"
    case control
  }

  public static func owner(of action: Action) -> Owner {
    switch action {
    case .order, .pay, .returnItems, .exchange, .transfer, .cancel: .receiver
    case .deliver, .claim, .invoice, .convert, .close: .provider
    case .sign: .eachParty
    case .offset, .expect: .control
    }
  }

  /// The owner of each action's name, for the help and the pages.
  public static let table: [(action: String, owner: Owner)] = [
    ("order", .receiver), ("pay", .receiver), ("return", .receiver), ("exchange", .receiver), ("transfer", .receiver),
    ("cancel", .receiver), ("deliver", .provider), ("claim", .provider), ("invoice", .provider), ("convert", .provider),
    ("close", .provider), ("sign", .eachParty), ("offset", .control), ("expect", .control),
  ]

  /// The actions a role may take on its own.
  public static func actions(for role: Role) -> [String] {
    switch role {
    case .control: table.map(\.action)
    case .team: table.filter { $0.owner != .control }.map(\.action)
    }
  }

  /// Whether `role` may take `action` on an order whose provider and receiver are these
  /// parties (nil: the order is not in the acting team's book). nil when allowed, or why not.
  public static func refusal(role: Role, action: Action, provider: PartyID?, receiver: PartyID?) -> String? {
    guard case .team(let party) = role else { return nil }
    let owner = owner(of: action)
    switch owner {
    case .control: return "\(action.name) is control's to record (it changes both parties' books at once)"
    case .eachParty:
      if case .sign(_, let signedBy) = action, let other = signedBy.keys.first(where: { $0 != party }) {
        return "\(party)'s team signs for \(party) only, not for \(other)"
      }
      return provider == nil ? "the order is not in \(party)'s book" : nil
    case .receiver, .provider:
      guard let provider, let receiver else { return "the order is not in \(party)'s book" }
      let whose = owner == .receiver ? receiver : provider
      return whose == party ? nil : "\(action.name) is the \(owner.rawValue)'s (\(whose)) to record, not \(party)'s"
    }
  }
}
