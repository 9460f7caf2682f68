/// What a book records of one event, in a form a replay can apply again: the action
/// (made concrete: a delivery names its lines, an offset its shares), and, when the
/// book had not recorded the order before, the order's terms as the document shows them.
public struct EventPayload: Hashable, Sendable {
  public let action: Action
  public let offsetShares: [PartyID: Money]
  /// The order as it stood (terms, order date, signed) when this book first met it
  /// through a later event, having missed the `order` event itself.
  public let template: OrderTemplate?
  /// For a deadline conversion: the book's obligation ids converted.
  public let converted: [Int]
  /// For a `pay` in the receiver's currency (`payment_currency: either`): what was paid;
  /// the action's amount is then what was applied, in the provider's currency.
  public let paid: Money?

  public init(
    action: Action, offsetShares: [PartyID: Money] = [:], template: OrderTemplate? = nil, converted: [Int] = [], paid: Money? = nil
  ) {
    self.action = action
    self.offsetShares = offsetShares
    self.template = template
    self.converted = converted
    self.paid = paid
  }

  /// The event as the scenario wrote it: a converted `pay` with the amount paid.
  public var originalAction: Action {
    if let paid, case .pay(let order, _) = action { return .pay(order: order, amount: paid) }
    return action
  }
}

/// An order's terms, its date and whether it was signed: what a book needs to start a
/// record of an order it missed.
public struct OrderTemplate: Hashable, Sendable {
  public let terms: OrderTerms
  public let date: Day
  public let signed: Bool

  public init(terms: OrderTerms, date: Day, signed: Bool) {
    self.terms = terms
    self.date = date
    self.signed = signed
  }
}

/// A one-line text form of `EventPayload`: fields separated by `|`, with `\`, `|` and
/// line ends escaped. Stable: it is hashed into the books' chains.
///
///     order|PH-0001|KAMANDAG-10|MBLT-4|ARDB|cash|1|1|BILLET|840000
///     deliver|PH-0001|1|1|1|BILLET|840000
///     pay|PH-0001|PHP|126000000
///     offset|JPY|60000|JP|JPY|60000|PH|PHP|2400000
///     deadline_convert|JP-0002|3|7
public enum EventCodec {
  public struct DecodingError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String { "malformed event record: \(text.prefix(120))" }
  }

  public static func encode(_ payload: EventPayload) -> String {
    var f: [String] = []
    func lines(_ ls: [Line]) {
      f.append(String(ls.count))
      for l in ls {
        f.append(l.item)
        f.append(String(l.qty.milli))
      }
    }
    func money(_ m: Money) {
      f.append(m.currency.code)
      f.append(String(m.minor))
    }
    func pairs(_ d: [PartyID: String]) {
      f.append(String(d.count))
      for key in d.keys.sorted() { f += [key, d[key] ?? ""] }
    }
    func terms(_ t: OrderTerms) {
      f += [t.id, t.activity, t.provider, t.receiver, t.settlement.rawValue, t.signed ? "1" : "0"]
      lines(t.lines)
      // 1.4's order data, only when there is some: a 1.3 order encodes as it always did.
      let d = t.details
      if !d.isEmpty {
        f += ["@details", d.place == nil ? "0" : "1", d.place ?? "", d.requestedDate?.description ?? "-"]
        pairs(d.contacts)
        f.append(String(d.documents.count))
        f += d.documents
        pairs(d.signedBy)
      }
    }
    switch payload.action {
    case .order(let t):
      f.append("order")
      terms(t)
    case .sign(let o, let signedBy):
      f += ["sign", o]
      if !signedBy.isEmpty {
        f.append("@signed_by")
        pairs(signedBy)
      }
    case .cancel(let o), .claim(let o), .invoice(let o), .close(let o):
      f += [payload.action.name, o]
    case .convert(let o):
      if payload.converted.isEmpty {
        f += ["convert", o]
      } else {
        f += ["deadline_convert", o] + payload.converted.map(String.init)
      }
    case .deliver(let o, let ls, let receipt, let claim):
      f += ["deliver", o, receipt ? "1" : "0", claim ? "1" : "0"]
      if let ls { lines(ls) } else { f.append("-") }
    case .pay(let o, let amount):
      f += ["pay", o]
      money(amount)
      if let paid = payload.paid {
        f.append("@paid")
        money(paid)
      }
    case .returnItems(let o, let ls), .exchange(let o, let ls):
      f += [payload.action.name, o]
      lines(ls)
    case .offset(let amount):
      f.append("offset")
      money(amount)
      for party in payload.offsetShares.keys.sorted() {
        f.append(party)
        money(payload.offsetShares[party]!)
      }
    case .transfer(let o, let ls, let to, let consent):
      f += ["transfer", o, to, consent == nil ? "0" : "1", consent ?? ""]
      lines(ls)
    case .expect(let x):
      f.append("expect")
      switch x {
      case .outstanding(let debtor, let creditor, let what):
        f += ["outstanding", debtor, creditor]
        switch what {
        case .cash(let m):
          f.append(ObligationKind.cash.rawValue)
          money(m)
        case .equalValue(let m):
          f.append(ObligationKind.equalValue.rawValue)
          money(m)
        case .inKind(let item, let q): f += [ObligationKind.inKind.rawValue, item, String(q.milli)]
        }
      case .status(let order, let status): f += ["status", order, status.rawValue]
      case .refused(let id, let code): f += ["refused", id, code.rawValue]
      case .findings(let counts):
        f += ["findings", String(counts.count)]
        // By code name: the text must not depend on the order the codes are declared in.
        for code in counts.keys.sorted(by: { $0.rawValue < $1.rawValue }) { f += [code.rawValue, String(counts[code] ?? 0)] }
      }
    }
    if let t = payload.template {
      f += ["@template", t.date.description, t.signed ? "1" : "0"]
      terms(t.terms)
    }
    return f.map(escape).joined(separator: "|")
  }

  public static func decode(_ text: String) throws(DecodingError) -> EventPayload {
    var reader = Reader(fields: split(text), text: text)
    let payload = try reader.payload()
    return payload
  }

  /// Escapes `\`, `|` and line ends, so that a field cannot run into the next one.
  public static func escape(_ s: String) -> String {
    // Most fields need nothing: scan the bytes first, which is much cheaper than Characters.
    guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }) else { return s }
    var out = ""
    for ch in s {
      switch ch {
      case "\\": out += "\\\\"
      case "|": out += "\\|"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.append(ch)
      }
    }
    return out
  }

  static func split(_ text: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for ch in text {
      if escaped {
        switch ch {
        case "n": current.append("\n")
        case "r": current.append("\r")
        default: current.append(ch)
        }
        escaped = false
      } else if ch == "\\" {
        escaped = true
      } else if ch == "|" {
        fields.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    fields.append(current)
    return fields
  }

  struct Reader {
    let fields: [String]
    let text: String
    var i = 0

    mutating func next() throws(DecodingError) -> String {
      guard i < fields.count else { throw DecodingError(text: text) }
      defer { i += 1 }
      return fields[i]
    }

    mutating func int() throws(DecodingError) -> Int64 {
      guard let v = Int64(try next()) else { throw DecodingError(text: text) }
      return v
    }

    mutating func bool() throws(DecodingError) -> Bool {
      switch try next() {
      case "1": return true
      case "0": return false
      default: throw DecodingError(text: text)
      }
    }

    mutating func day() throws(DecodingError) -> Day {
      guard let d = Day(text: try next()) else { throw DecodingError(text: text) }
      return d
    }

    mutating func money() throws(DecodingError) -> Money {
      guard let c = Currency(code: try next()) else { throw DecodingError(text: text) }
      return Money(try int(), c)
    }

    mutating func lines() throws(DecodingError) -> [Line] {
      let n = try int()
      guard n >= 0, n <= Int64(fields.count) else { throw DecodingError(text: text) }
      var result: [Line] = []
      for _ in 0..<n { result.append(Line(item: try next(), qty: Quantity(milli: try int()))) }
      return result
    }

    mutating func terms() throws(DecodingError) -> OrderTerms {
      let id = try next()
      let activity = try next()
      let provider = try next()
      let receiver = try next()
      guard let settlement = SettlementMethod(rawValue: try next()) else { throw DecodingError(text: text) }
      let signed = try bool()
      let ls = try lines()
      var details = OrderDetails.none
      if i < fields.count && fields[i] == "@details" {
        i += 1
        let hasPlace = try bool()
        let place = try next()
        let requested = try next()
        details.place = hasPlace ? place : nil
        if requested != "-" {
          guard let day = Day(text: requested) else { throw DecodingError(text: text) }
          details.requestedDate = day
        }
        details.contacts = try pairs()
        let n = try count()
        for _ in 0..<n { details.documents.append(try next()) }
        details.signedBy = try pairs()
      }
      return OrderTerms(
        id: id, activity: activity, provider: provider, receiver: receiver, settlement: settlement, lines: ls, signed: signed,
        details: details)
    }

    /// A count of items that follow (no more than the fields left).
    mutating func count() throws(DecodingError) -> Int {
      let n = try int()
      guard n >= 0, n <= Int64(fields.count - i) else { throw DecodingError(text: text) }
      return Int(n)
    }

    mutating func pairs() throws(DecodingError) -> [PartyID: String] {
      var result: [PartyID: String] = [:]
      let n = try count()
      for _ in 0..<n {
        let key = try next()
        result[key] = try next()
      }
      return result
    }

    mutating func expectation() throws(DecodingError) -> Expectation {
      switch try next() {
      case "outstanding":
        let debtor = try next()
        let creditor = try next()
        switch ObligationKind(rawValue: try next()) {
        case .cash: return .outstanding(debtor: debtor, creditor: creditor, .cash(try money()))
        case .equalValue: return .outstanding(debtor: debtor, creditor: creditor, .equalValue(try money()))
        case .inKind:
          let item = try next()
          return .outstanding(debtor: debtor, creditor: creditor, .inKind(item: item, qty: Quantity(milli: try int())))
        case nil: throw DecodingError(text: text)
        }
      case "status":
        let order = try next()
        guard let status = OrderStatus(rawValue: try next()) else { throw DecodingError(text: text) }
        return .status(order: order, status)
      case "refused":
        let id = try next()
        guard let code = RefusalCode(rawValue: try next()) else { throw DecodingError(text: text) }
        return .refused(eventID: id, code: code)
      case "findings":
        var counts: [FindingCode: Int] = [:]
        for _ in 0..<(try count()) {
          guard let code = FindingCode(rawValue: try next()) else { throw DecodingError(text: text) }
          counts[code] = Int(try int())
        }
        return .findings(counts)
      default:
        throw DecodingError(text: text)
      }
    }

    mutating func payload() throws(DecodingError) -> EventPayload {
      let name = try next()
      var shares: [PartyID: Money] = [:]
      var converted: [Int] = []
      var paid: Money?
      let action: Action
      switch name {
      case "order": action = .order(try terms())
      case "sign":
        let o = try next()
        var signedBy: [PartyID: String] = [:]
        if i < fields.count && fields[i] == "@signed_by" {
          i += 1
          signedBy = try pairs()
        }
        action = .sign(order: o, signedBy: signedBy)
      case "cancel": action = .cancel(order: try next())
      case "claim": action = .claim(order: try next())
      case "invoice": action = .invoice(order: try next())
      case "close": action = .close(order: try next())
      case "convert": action = .convert(order: try next())
      case "deadline_convert":
        action = .convert(order: try next())
        while i < fields.count && fields[i] != "@template" { converted.append(Int(try int())) }
      case "deliver":
        let o = try next()
        let receipt = try bool()
        let claim = try bool()
        if i < fields.count && fields[i] == "-" {
          i += 1
          action = .deliver(order: o, lines: nil, receipt: receipt, claim: claim)
        } else {
          action = .deliver(order: o, lines: try lines(), receipt: receipt, claim: claim)
        }
      case "pay":
        let o = try next()
        action = .pay(order: o, amount: try money())
        if i < fields.count && fields[i] == "@paid" {
          i += 1
          paid = try money()
        }
      case "return":
        let o = try next()
        action = .returnItems(order: o, lines: try lines())
      case "exchange":
        let o = try next()
        action = .exchange(order: o, lines: try lines())
      case "offset":
        action = .offset(amount: try money())
        while i < fields.count && fields[i] != "@template" {
          let party = try next()
          shares[party] = try money()
        }
      case "transfer":
        let o = try next()
        let to = try next()
        let has = try bool()
        let consent = try next()
        action = .transfer(order: o, lines: try lines(), to: to, consent: has ? consent : nil)
      case "expect":
        action = .expect(try expectation())
      default:
        throw DecodingError(text: text)
      }
      var template: OrderTemplate?
      if i < fields.count {
        guard try next() == "@template" else { throw DecodingError(text: text) }
        let date = try day()
        let signed = try bool()
        template = OrderTemplate(terms: try terms(), date: date, signed: signed)
      }
      guard i == fields.count else { throw DecodingError(text: text) }
      return EventPayload(action: action, offsetShares: shares, template: template, converted: converted, paid: paid)
    }
  }
}
