import ACSAAudit
import ACSADomain
import ACSALedger
import Foundation

/// `acsa reconcile` as text: what the two books record differently, order by order.
public enum ReconcileText {
  public static func render(_ r: Reconciliation, _ names: (String, String)) -> String {
    var out: [String] = []
    let source = names.0 == names.1 ? names.0 : "\(names.0) and \(names.1)"
    out.append("Reconciling \(r.left)'s book with \(r.right)'s (\(source)): \(r.ordersCompared) orders compared")
    if r.agree {
      out.append("The books agree on every order.")
      return out.joined(separator: "\n")
    }
    out.append("The books disagree on \(r.differences.count) order\(r.differences.count == 1 ? "" : "s"):")
    for d in r.differences {
      out.append("  \(d.order)")
      var t = TextTable()
      t.indent = "    "
      for a in d.aspects { t.add([a.name, "\(r.left): \(a.left)", "\(r.right): \(a.right)"]) }
      out.append(t.render())
    }
    return out.joined(separator: "\n")
  }
}

public struct ReconcileJSON: Encodable {
  public struct Aspect: Encodable {
    public let aspect: String
    public let books: [String: String]
  }
  public struct Order: Encodable {
    public let order: String
    public let differences: [Aspect]
  }
  public let books: [String]
  public let orders_compared: Int
  public let agree: Bool
  public let orders: [Order]

  public init(_ r: Reconciliation) {
    books = [r.left, r.right]
    orders_compared = r.ordersCompared
    agree = r.agree
    orders = r.differences.map { d in
      Order(order: d.order, differences: d.aspects.map { Aspect(aspect: $0.name, books: [r.left: $0.left, r.right: $0.right]) })
    }
  }
}
