import ACSADomain

/// A reference to an order or event id, which may be defined anywhere in the file, even
/// after it: checked once every event has been read.
struct PendingReference {
  enum Kind {
    case order
    case event
  }

  let kind: Kind
  let id: String
  let position: TextPosition
  let path: String
}

extension ScenarioBuilder {
  /// An order id, which some `order` event of the file must define.
  func orderReference(_ node: Node, _ path: String) -> String? {
    guard let id = reader.string(node, path) else { return nil }
    pendingReferences.append(PendingReference(kind: .order, id: id, position: TextPosition(node.mark), path: path))
    return id
  }

  /// An event id, which some event of the file must carry.
  func eventReference(_ node: Node, _ path: String) -> String? {
    guard let id = reader.string(node, path) else { return nil }
    pendingReferences.append(PendingReference(kind: .event, id: id, position: TextPosition(node.mark), path: path))
    return id
  }

  func resolvePendingReferences() {
    for reference in pendingReferences {
      switch reference.kind {
      case .order:
        if orderIDs.isUnknown(reference.id) {
          reader.error(at: reference.position, "\(reference.path): unknown order id '\(reference.id)'\(orderIDs.didYouMean(reference.id))")
        }
      case .event:
        if eventIDs.isUnknown(reference.id) {
          reader.error(at: reference.position, "\(reference.path): no event has id '\(reference.id)'\(eventIDs.didYouMean(reference.id))")
        }
      }
    }
    pendingReferences = []
  }
}
