import ACSADomain

/// One-line descriptions of accepted events, for the event log and `explain`.
public enum Narration {
  public static func describe(_ accepted: Accepted, framework fw: Framework) -> String {
    func lines(_ ls: [Line]) -> String {
      ls.map { l in
        let unit = fw.items[l.item]?.unit ?? ""
        return unit.isEmpty ? "\(l.qty.formatted) \(l.item)" : "\(l.qty.formatted) \(unit) \(l.item)"
      }.joined(separator: ", ")
    }
    switch accepted.action {
    case .order(let t):
      return
        "\(t.receiver) orders from \(t.provider) for \(t.activity): \(lines(t.lines)), settled by \(t.settlement.rawValue)\(t.signed ? "" : " (not yet signed)")"
    case .sign(let o, _): return "both parties sign \(o)"
    case .cancel(let o): return "\(o) is cancelled"
    case .close(let o): return "\(o) is closed"
    case .deliver(let o, let ls, let receipt, let claim):
      var text = "delivered on \(o): \(lines(ls ?? []))"
      if !receipt { text += "; no signed receipt" }
      if !claim { text += "; claim not recorded" }
      return text
    case .claim(let o): return "the provider records its claim on \(o)"
    case .invoice(let o): return "the provider invoices \(o)"
    case .pay(let o, let amount):
      if let paid = accepted.paid, let use = accepted.rateUse {
        return "\(paid.formatted) paid on \(o), applied as \(amount.formatted) at \(use.summary) (rounded half to even)"
      }
      return "\(amount.formatted) paid on \(o)"
    case .returnItems(let o, let ls): return "returned in kind on \(o): \(lines(ls))"
    case .exchange(let o, let ls):
      let rate = accepted.rateUse.map { " at \($0.summary)" } ?? ""
      return "services provided in exchange on \(o): \(lines(ls))\(rate)"
    case .convert(let o): return "the remainder of \(o) is converted into a cash claim"
    case .offset:
      let shares = fw.partyIDs.compactMap { p in accepted.offsetShares[p].map { "\(p)'s claims by \($0.formatted)" } }
      let rate = accepted.rateUse.map { " at \($0.summary)" } ?? ""
      return "offset: " + shares.joined(separator: " against ") + rate
    case .transfer(let o, let ls, let to, let consent):
      return "supplies of \(o) transferred to \(to): \(lines(ls)) (consent \(consent ?? "none"))"
    case .expect: return "expectation"
    }
  }
}
