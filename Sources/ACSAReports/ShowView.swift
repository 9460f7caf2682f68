import ACSAAudit
import ACSADomain
import ACSALedger
import ACSASimulation
import Foundation

public struct ShowView {
  public let audited: AuditedLedger
  public let story: OrderStory
  public let itemUnits: [String: String]

  public init(audited: AuditedLedger, story: OrderStory, itemUnits: [String: String]) {
    self.audited = audited
    self.story = story
    self.itemUnits = itemUnits
  }

  public var framework: Framework { audited.framework }

  /// `PHP 441,000.00` or `24,000 L JET-A1`.
  public func amount(_ units: Int64, kind: ObligationKind, commodity: String) -> String {
    if kind == .inKind {
      return "\(Quantity(milli: units).formatted) \(itemUnits[commodity].map { $0 + " " } ?? "")\(commodity)"
    }
    guard let currency = Currency(code: commodity) else { return "\(commodity) \(units)" }
    return Money(units, currency).formatted
  }

  public func unit(_ id: String) -> String { framework.units[id].map { "\($0.label) [\(id)]" } ?? id }

  /// The order's terms, from the first book that has a record of it.
  public var terms: OrderTerms? { story.books.compactMap(\.record).first?.terms }

  /// Why a book that owes nothing on the order still calls it `delivered`: an order is
  /// settled only when neither book shows anything owed (the format's rule).
  public func settledInOneBookOnly() -> String? {
    func owes(_ b: OrderStory.BookRecord) -> Bool { b.obligations.contains { story.stillOwed($0, in: b.book) != 0 } }
    let clear = story.books.filter { $0.status == "delivered" && !$0.obligations.isEmpty && !owes($0) }.map(\.book)
    guard !clear.isEmpty, story.books.contains(where: owes) else { return nil }
    let which = clear.map { "\($0)'s book" }.joined(separator: " and ")
    return "\(which) shows nothing owed on it, but an order is settled only when neither book shows anything owed"
  }

  public func text(ledger: String) -> String {
    var out: [String] = []
    out.append("Order \(story.order) in \(ledger) (\(audited.info.scenarioName)), as of \(story.asOf)")
    if let t = terms, let rec = story.books.compactMap(\.record).first {
      out.append("  from \(unit(t.provider)) to \(unit(t.receiver))")
      let lines = t.lines.map { amount($0.qty.milli, kind: .inKind, commodity: $0.item) }.joined(separator: ", ")
      out.append("  ordered \(rec.date) for \(t.activity): \(lines); settled by \(t.settlement.rawValue)\(t.signed ? "" : "; not signed")")
    } else {
      out.append("  no book has a record of it (every event on it was refused)")
    }
    let statuses = story.books.map { "\($0.book) book \($0.status ?? "no record")" }
    let differ = Set(story.books.map { $0.status ?? "" }).count > 1
    out.append("  status: " + statuses.joined(separator: ", ") + (differ ? " (the books differ)" : ""))
    if story.asOf == audited.lastDay, let why = settledInOneBookOnly() { out.append("    " + why) }
    out.append("")

    out.append("Events (numbered as in the log; `audit`, `verify` and `reconcile` cite these numbers):")
    let byEvent = story.entriesByEvent
    var events = TextTable()
    events.add(["event", "date", "line", "action", "outcome", "books", "entries"])
    for e in story.events {
      let outcome: String =
        switch e.outcome {
        case .applied: "applied"
        case .system: "system"
        case .refused: "refused \(e.code ?? "")"
        case .expectPassed: "check holds"
        case .expectFailed: "check FAILS"
        }
      let entries = (byEvent[e.seq] ?? []).map { "\($0.book) \($0.entry)" }.joined(separator: ", ")
      events.add([
        "\(e.seq)", "\(e.date)", e.line.map(String.init) ?? "-", e.action, outcome, e.books.joined(separator: ", "),
        entries.isEmpty ? "-" : entries,
      ])
    }
    var rows = events.render().components(separatedBy: "\n")
    // Each event's sentence under its row.
    for (i, e) in story.events.enumerated().reversed() where !e.message.isEmpty {
      rows.insert("        " + e.message, at: i + 2)
    }
    out.append(contentsOf: rows)
    out.append("")

    out.append("Journal entries (each book's own; a posting > 0 is a debit):")
    if story.entries.isEmpty { out.append("  none") }
    for s in story.entries {
      let e = s.entry
      out.append("  \(e.book) entry \(s.number)  \(e.date)  event \(e.eventSeq)  \(e.memo)")
      var table = TextTable()
      for p in e.postings {
        let sign = p.amount < 0 ? "-" : ""
        let units = p.amount < 0 ? 0 &- p.amount : p.amount
        var cells = ["    " + p.account.text, sign + amount(units, kind: p.kind, commodity: p.commodity)]
        cells.append(p.orderID.map { $0 == story.order ? "" : "order \($0)" } ?? "")
        cells.append(p.obligationID.map { "obligation \($0)" } ?? "")
        table.add(cells)
      }
      if !e.postings.isEmpty { out.append(table.render()) }
    }
    out.append("")

    out.append("Obligations (each book's own numbering), and what was still owed at the end of \(story.asOf):")
    var obligations = TextTable()
    obligations.add([
      "book", "no.", "who owes whom", "kind", "amount", "delivered", "claimed", "billed", "due", "deadline", "settled", "converted",
      "still owed",
    ])
    var any = false
    for b in story.books {
      for o in b.obligations {
        any = true
        let converted = o.convertedOn.map { "\($0)" + (o.convertedInto.map { " into \($0)" } ?? "") } ?? "-"
        obligations.add([
          b.book, "\(o.id)" + (o.convertedFrom.map { " (from \($0))" } ?? ""), "\(o.debtor) owes \(o.creditor)",
          o.kind.rawValue.replacingOccurrences(of: "_", with: " "), amount(o.originalUnits, kind: o.kind, commodity: o.commodity),
          "\(o.deliveryDate)", o.claimedOn.map { "\($0)" } ?? "-", o.billedOn.map { "\($0)" } ?? "-", o.dueOn.map { "\($0)" } ?? "-",
          "\(o.deadline)", o.settledOn.map { "\($0)" } ?? "-", converted,
          amount(story.stillOwed(o, in: b.book), kind: o.kind, commodity: o.commodity),
        ])
      }
    }
    out.append(any ? obligations.render() : "  none")
    out.append("")

    let items = story.report.items
    out.append("Findings as of \(story.asOf): " + (items.isEmpty ? "none." : "\(items.count)"))
    for item in items { out.append(contentsOf: AuditText.findingLines(item, story.report)) }
    return out.joined(separator: "\n")
  }
}

public struct ShowJSON: Encodable {
  public struct Terms: Encodable {
    public struct Line: Encodable {
      public let item: String
      public let quantity: String
    }
    public let date: String
    public let activity: String
    public let provider_unit: String
    public let receiver_unit: String
    public let provider: String
    public let receiver: String
    public let settlement: String
    public let signed: Bool
    public let lines: [Line]
  }
  public struct BookJSON: Encodable {
    public let book: String
    public let recorded: Bool
    public let status: String?
    public let cancelled: Bool?
    public let closed_on: String?
  }
  public struct EventJSON: Encodable {
    public struct Entry: Encodable {
      public let book: String
      public let entry: Int
    }
    public let seq: Int
    public let date: String
    public let event_id: String?
    public let line: Int?
    public let action: String
    public let outcome: String
    public let code: String?
    public let message: String
    public let books: [String]
    public let entries: [Entry]
  }
  public struct PostingJSON: Encodable {
    public let line: Int
    public let account: String
    public let kind: String
    public let commodity: String
    public let units: Int64
    public let amount: String
    public let order: String?
    public let obligation: Int?
  }
  public struct EntryJSON: Encodable {
    public let book: String
    public let entry: Int
    public let date: String
    public let event: Int
    public let memo: String
    public let postings: [PostingJSON]
  }
  public struct ObligationJSON: Encodable {
    public let book: String
    public let id: Int
    public let debtor: String
    public let creditor: String
    public let kind: String
    public let commodity: String
    public let original_units: Int64
    public let original: String
    public let still_owed_units: Int64
    public let still_owed: String
    public let delivered: String
    public let created: String
    public let deadline: String
    public let claimed: String?
    public let billed: String?
    public let due: String?
    public let settled: String?
    public let converted_on: String?
    public let converted_into: Int?
    public let converted_from: Int?
  }
  public let ledger: String
  public let scenario: String
  public let order: String
  public let as_of: String
  public let terms: Terms?
  public let books: [BookJSON]
  public let events: [EventJSON]
  public let entries: [EntryJSON]
  public let obligations: [ObligationJSON]
  public let findings: [AuditJSON.FindingJSON]

  public init(ledger: String, view: ShowView) {
    let story = view.story
    self.ledger = ledger
    scenario = view.audited.info.scenarioName
    order = story.order
    as_of = story.asOf.description
    if let rec = story.books.compactMap(\.record).first {
      let t = rec.terms
      terms = Terms(
        date: rec.date.description, activity: t.activity, provider_unit: t.provider, receiver_unit: t.receiver, provider: rec.provider,
        receiver: rec.receiver, settlement: t.settlement.rawValue, signed: t.signed,
        lines: t.lines.map { Terms.Line(item: $0.item, quantity: $0.qty.description) })
    } else {
      terms = nil
    }
    books = story.books.map {
      BookJSON(
        book: $0.book, recorded: $0.record != nil, status: $0.status, cancelled: $0.record?.cancelled,
        closed_on: $0.record?.closedOn?.description)
    }
    let byEvent = story.entriesByEvent
    events = story.events.map { e in
      EventJSON(
        seq: e.seq, date: e.date.description, event_id: e.eventID, line: e.line, action: e.action, outcome: e.outcome.rawValue,
        code: e.code,
        message: e.message, books: e.books, entries: (byEvent[e.seq] ?? []).map { EventJSON.Entry(book: $0.book, entry: $0.entry) })
    }
    entries = story.entries.map { s in
      EntryJSON(
        book: s.entry.book, entry: s.number, date: s.entry.date.description, event: s.entry.eventSeq, memo: s.entry.memo,
        postings: zip(s.lineNumbers, s.entry.postings).map { line, p in
          PostingJSON(
            line: line, account: p.account.text, kind: p.kind.rawValue, commodity: p.commodity, units: p.amount,
            amount: (p.amount < 0 ? "-" : "") + view.amount(p.amount < 0 ? 0 &- p.amount : p.amount, kind: p.kind, commodity: p.commodity),
            order: p.orderID, obligation: p.obligationID)
        })
    }
    obligations = story.books.flatMap { b in
      b.obligations.map { o in
        let still = story.stillOwed(o, in: b.book)
        return ObligationJSON(
          book: b.book, id: o.id, debtor: o.debtor, creditor: o.creditor, kind: o.kind.rawValue, commodity: o.commodity,
          original_units: o.originalUnits, original: view.amount(o.originalUnits, kind: o.kind, commodity: o.commodity),
          still_owed_units: still, still_owed: view.amount(still, kind: o.kind, commodity: o.commodity),
          delivered: o.deliveryDate.description, created: o.createdOn.description, deadline: o.deadline.description,
          claimed: o.claimedOn?.description, billed: o.billedOn?.description, due: o.dueOn?.description, settled: o.settledOn?.description,
          converted_on: o.convertedOn?.description, converted_into: o.convertedInto, converted_from: o.convertedFrom)
      }
    }
    findings = story.report.items.map { AuditJSON.FindingJSON($0, story.report) }
  }
}
