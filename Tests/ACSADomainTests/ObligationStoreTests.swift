import Testing

@testable import ACSADomain

/// The obligation store against a dictionary: ids handed out in order, obligations
/// dropped at random (enough to move the recent array's first half out, more than once,
/// and to compact the old array), changed in place through the subscript in both arrays.
@Suite("Obligation store")
struct ObligationStoreTests {
  static func obligation(_ id: Int) -> Obligation {
    Obligation(
      id: id, order: "o-\(id / 3)", debtor: "JP", creditor: "PH", kind: .cash, item: "RATION", category: .food, currency: .php,
      deliveryDate: Day(ordinal: 1000), createdOn: Day(ordinal: 1000), deadline: Day(ordinal: 1365), originalAmount: Int64(id) * 100,
      originalQty: .zero, openUnits: Int64(id) * 100, claimedOn: nil, billedOn: nil, dueOn: nil, settledOn: nil, convertedOn: nil,
      convertedInto: nil, convertedFrom: nil)
  }

  /// A small deterministic generator (the test must not depend on the system's).
  struct LCG {
    var state: UInt64
    mutating func below(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
  }

  func check(_ store: ObligationStore, _ model: [Int: Obligation], handedOut: Int) {
    #expect(store.count == handedOut)
    #expect(store.kept == model.count)
    #expect(store.map(\.id) == model.keys.sorted(), "iteration is in id order and skips what was dropped")
    #expect(store.last?.id == model.keys.max())
    let wrong = model.filter { id, o in !store.contains(id) || store[id].openUnits != o.openUnits || store[id].order != o.order }
    #expect(wrong.isEmpty, "obligations read differently: \(wrong.keys.sorted().prefix(5))")
  }

  @Test("appends, drops and in-place changes match a dictionary, through both arrays and their compactions")
  func matchesADictionary() {
    var store = ObligationStore()
    var model: [Int: Obligation] = [:]
    var rng = LCG(state: 42)
    var handedOut = 0
    for step in 0..<20_000 {
      switch rng.below(10) {
      case 0..<4:
        let o = Self.obligation(handedOut)
        store.append(o)
        model[o.id] = o
        handedOut += 1
      case 4..<8:
        // Drop mostly old obligations, so that holes pile up at the front.
        guard handedOut > 0 else { continue }
        let id = rng.below(max(1, handedOut * 3 / 4))
        store.remove(id)
        model[id] = nil
        #expect(!store.contains(id))
      default:
        guard !model.isEmpty else { continue }
        let keys = model.keys.sorted()
        let id = keys[rng.below(keys.count)]
        store[id].openAmount -= 1
        model[id]?.openAmount -= 1
      }
      if step % 4000 == 3999 { check(store, model, handedOut: handedOut) }
    }
    check(store, model, handedOut: handedOut)
    #expect(handedOut - model.count > 2048, "enough drops to move obligations to the old array")
  }

  @Test("an id dropped twice, or never handed out, is simply absent")
  func absentIDs() {
    var store = ObligationStore((0..<3).map(Self.obligation))
    store.remove(1)
    store.remove(1)
    #expect(store.kept == 2)
    #expect(!store.contains(1) && !store.contains(3) && store.contains(2))
    #expect(store.map(\.id) == [0, 2])
  }
}

/// Accounts: the names the ledger stores, read back to the same account.
@Suite("Accounts")
struct AccountTests {
  @Test("every account's text is its stem and kind, and reads back to the same account; other text is kept as read")
  func roundTrip() {
    for kind in ObligationKind.allCases {
      let accounts: [(Account, String)] =
        [(.receivable(kind), "receivable"), (.payable(kind), "payable")] + Movement.allCases.map { (.counter($0, kind), $0.rawValue) }
      for (account, stem) in accounts {
        #expect(account.text == stem + ":" + kind.rawValue)
        #expect(Account(text: account.text) == account)
      }
    }
    #expect(Account(text: "RECEIVABLE:cash") == .unrecognized("RECEIVABLE:cash"))
    #expect(Account(text: "payment:gold") == .unrecognized("payment:gold"))
    #expect(Account(text: "delivery:cash").text == "delivery:cash")
    #expect(Movement.settlements == [.payment, .return, .exchange, .offset])
  }
}
