import ACSADomain
import ACSALedger

/// Rebuilds one book from the events it recorded, making its deadline conversions itself
/// as the simulator does, and compares every entry it makes with the stored one.
public struct BookReplay {
  public var book: Book
  public var problems: [IntegrityProblem] = []
  public var produced: [JournalEntry] = []

  public static func isDeadlineConversion(_ payload: String) -> Bool { payload.hasPrefix("deadline_convert|") }

  public static func run(_ ledger: AuditedLedger, entries stored: [StoredEntry], book owner: PartyID) -> BookReplay {
    var r = BookReplay(book: Book(owner: owner, framework: ledger.framework))
    let convert = ledger.framework.agreement.deadlinePolicy == .convert
    let end = ledger.lastDay
    func deadlines(before day: Day) {
      for group in r.book.takeExpired(before: min(day, end)) where convert {
        r.book.convertExpired(group.ids, order: group.order, date: group.deadline.adding(days: 1), seq: 0)
        r.produced += r.book.drainJournal()
      }
    }
    for s in stored where !isDeadlineConversion(s.entry.payload) {
      let day = s.entry.date
      deadlines(before: day)
      do {
        let payload = try EventCodec.decode(s.entry.payload)
        let before = r.book.overflow
        r.book.replay(payload, date: day, seq: s.entry.eventSeq)
        r.produced += r.book.drainJournal()
        if before == nil, let overflow = r.book.overflow {
          r.problems.append(
            IntegrityProblem(.replayMismatch, book: owner, order: s.entry.orderID, entry: s.number, "entry \(s.number): \(overflow)"))
        }
      } catch {
        r.problems.append(
          IntegrityProblem(
            .replayMismatch, book: owner, order: s.entry.orderID, entry: s.number, "entry \(s.number) holds \(error.description)"))
      }
    }
    deadlines(before: end)
    r.compare(with: stored, owner: owner)
    return r
  }

  /// Compares the entries the replay made with the stored ones, in order; reports the
  /// first difference on each order.
  mutating func compare(with stored: [StoredEntry], owner: PartyID) {
    var reported = Set<String>()
    let count = max(stored.count, produced.count)
    for i in 0..<count {
      let s = i < stored.count ? stored[i] : nil
      let p = i < produced.count ? produced[i] : nil
      let order = s?.entry.orderID ?? p?.orderID
      guard !reported.contains(order ?? "") else { continue }
      guard let s, let p else {
        let what = s == nil ? "the replay makes an entry the journal does not have" : "the journal has an entry the replay does not make"
        problems.append(
          IntegrityProblem(.replayMismatch, book: owner, order: order, entry: s?.number, "\(what) (\(s?.entry.memo ?? p?.memo ?? ""))"))
        reported.insert(order ?? "")
        continue
      }
      if let difference = Self.difference(s.entry, p, system: Self.isDeadlineConversion(s.entry.payload)) {
        problems.append(IntegrityProblem(.replayMismatch, book: owner, order: order, entry: s.number, seq: s.entry.eventSeq, difference))
        reported.insert(order ?? "")
      }
    }
  }

  static func difference(_ stored: JournalEntry, _ replayed: JournalEntry, system: Bool) -> String? {
    if stored.date != replayed.date { return "dated \(stored.date) in the journal, \(replayed.date) by the replay" }
    if stored.orderID != replayed.orderID {
      return "on order \(stored.orderID ?? "-") in the journal, \(replayed.orderID ?? "-") by the replay"
    }
    if stored.payload != replayed.payload { return "records \"\(stored.payload)\", the replay \"\(replayed.payload)\"" }
    if !system && stored.eventSeq != replayed.eventSeq { return "belongs to event \(stored.eventSeq), the replay to \(replayed.eventSeq)" }
    if stored.postings.count != replayed.postings.count {
      return "has \(stored.postings.count) postings, the replay \(replayed.postings.count)"
    }
    for (i, (a, b)) in zip(stored.postings, replayed.postings).enumerated() where a != b {
      if a.amount != b.amount && a.account == b.account {
        return "posting \(i) on \(a.account) is \(a.amount) \(a.commodity) in the journal, \(b.amount) \(b.commodity) by the replay"
      }
      return "posting \(i) is \(a.account) \(a.amount) \(a.commodity) in the journal, \(b.account) \(b.amount) \(b.commodity) by the replay"
    }
    return nil
  }
}
