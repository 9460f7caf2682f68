import ACSADomain
import CYaml

/// Composes scenario text into a `Node` tree with marks, from libyaml's events (the
/// libyaml that Yams bundles), under `ScenarioLimits`: a file nested too deep, or whose
/// aliases would repeat more than the limit allows, is refused with a diagnostic at the
/// place it goes too far, after reading no further.
///
/// Mapping keys must be plain text: a list, a mapping or an alias used as a key is a
/// diagnostic at the key (the scenario format has no other keys), so no key is ever
/// compared as a tree. Duplicate keys are left to `NodeReader`, which reports each at
/// its second occurrence, like any other error of the file.
enum YAMLComposer {
  struct Result {
    /// nil when the text could not be composed (see `diagnostics`) or is empty.
    var node: Node?
    var diagnostics: [Diagnostic] = []
  }

  /// A collection being composed.
  private struct Frame {
    let isMapping: Bool
    let mark: Mark
    let anchor: String?
    var items: [Node] = []
    var pairs: [(key: Node.Scalar, value: Node)] = []
    var pendingKey: Node.Scalar?
    /// Nodes in this collection, itself included, aliases counted at their full size.
    var size = 1
  }

  static func compose(_ text: String, file: String, limits: ScenarioLimits = .standard) -> Result {
    var text = text
    return text.withUTF8 { bytes in Composition(file: file, limits: limits).run(bytes) }
  }

  /// One composition: libyaml's parser and the state built from its events.
  private final class Composition {
    let file: String
    let limits: ScenarioLimits
    var parser = yaml_parser_t()
    var stack: [Frame] = []
    var root: Node?
    /// Anchored nodes and their sizes.
    var anchors: [String: (node: Node, size: Int)] = [:]
    /// Nodes added by aliases so far.
    var aliased = 0
    var diagnostics: [Diagnostic] = []

    init(file: String, limits: ScenarioLimits) {
      self.file = file
      self.limits = limits
    }

    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
      self.bytes = bytes
      guard yaml_parser_initialize(&parser) == 1 else { return fail(line: 0, column: 0, "cannot start the YAML parser (out of memory)") }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
      var documents = 0
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxError() }
        defer { yaml_event_delete(&event) }
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return Result(node: root, diagnostics: diagnostics)
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          if documents > 1 {
            return fail(mark, "the file holds more than one YAML document (a second `---`): a scenario is one document")
          }
        case YAML_SCALAR_EVENT:
          let s = event.data.scalar
          let value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
          let node = Node.scalar(
            .init(string: value, style: Node.Scalar.Style(rawValue: UInt8(truncatingIfNeeded: s.style.rawValue)) ?? .any, mark: mark))
          if !add(node, size: 1, anchor: name(s.anchor), at: mark) { return result() }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          guard stack.count < limits.maximumDepth else {
            return fail(
              mark,
              "the YAML is nested more than \(limits.maximumDepth) levels deep here; a scenario needs a few levels, so this file is refused"
            )
          }
          let isMapping = event.type == YAML_MAPPING_START_EVENT
          let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
          stack.append(Frame(isMapping: isMapping, mark: mark, anchor: name(anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let frame = stack.popLast() else { return fail(mark, "unbalanced YAML events") }
          let node: Node =
            // Copied at their exact size: a scenario holds hundreds of thousands of small ones.
            frame.isMapping
            ? .mapping(.init(pairs: Array(frame.pairs), mark: frame.mark)) : .sequence(.init(items: Array(frame.items), mark: frame.mark))
          if !add(node, size: frame.size, anchor: frame.anchor, at: frame.mark) { return result() }
        case YAML_ALIAS_EVENT:
          let alias = name(event.data.alias.anchor) ?? ""
          guard let target = anchors[alias] else { return fail(mark, "unknown alias *\(alias): no anchor &\(alias) comes before it") }
          if let frame = stack.last, frame.isMapping, frame.pendingKey == nil {
            return fail(mark, "an alias (*\(alias)) cannot be a key: write the key as plain text")
          }
          aliased = aliased.addingReportingOverflow(target.size).overflow ? Int.max : aliased + target.size
          guard aliased <= limits.maximumAliasedNodes else {
            return fail(
              mark,
              "aliases repeat more than \(limits.maximumAliasedNodes) values in all by here (*\(alias) alone repeats \(target.size)): "
                + "aliases may share parts of a scenario, not multiply them")
          }
          if !add(target.node, size: target.size, anchor: nil, at: mark) { return result() }
        default:
          continue
        }
      }
    }

    /// Adds a finished node to the collection being composed (or makes it the root).
    /// False when the composition must stop.
    func add(_ node: Node, size: Int, anchor: String?, at mark: Mark) -> Bool {
      if let anchor { anchors[anchor] = (node, size) }
      guard !stack.isEmpty else {
        root = node
        return true
      }
      let last = stack.count - 1
      stack[last].size = min(stack[last].size + size, Int.max / 2)
      if stack[last].isMapping {
        if let key = stack[last].pendingKey {
          stack[last].pairs.append((key, node))
          stack[last].pendingKey = nil
        } else {
          guard case .scalar(let key) = node else {
            diagnostics.append(
              Diagnostic(
                file: file, line: mark.line, column: mark.column,
                message: "a key must be plain text, not \(node.isMapping ? "a mapping" : "a list")"))
            return false
          }
          stack[last].pendingKey = key
        }
      } else {
        stack[last].items.append(node)
      }
      return true
    }

    func name(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
      pointer.map { String(cString: UnsafePointer($0)) }
    }

    func result() -> Result { Result(node: nil, diagnostics: diagnostics) }

    func fail(_ mark: Mark, _ message: String) -> Result { fail(line: mark.line, column: mark.column, message) }

    func fail(line: Int, column: Int, _ message: String) -> Result {
      diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
      return result()
    }

    /// The first tab among the spaces that start line `line` (0-based), if any: where a
    /// syntax error is most likely a tab used to indent.
    func tabInIndentation(line: Int) -> TextPosition? {
      var start = 0
      var lines = 0
      while lines < line, start < bytes.count {
        if bytes[start] == 0x0A { lines += 1 }
        start += 1
      }
      guard lines == line else { return nil }
      var i = start
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
        if bytes[i] == 0x09 { return TextPosition(byteOffset: i, in: bytes) }
        i += 1
      }
      return nil
    }

    /// libyaml's error, at its line and column.
    func syntaxError() -> Result {
      let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
      switch parser.error {
      case YAML_MEMORY_ERROR:
        return fail(line: 0, column: 0, "the YAML parser ran out of memory")
      case YAML_READER_ERROR:
        // Invalid UTF-8 is found before parsing (`ScenarioLoader`); this is a control
        // character or the like, at a byte offset.
        let at = TextPosition(byteOffset: parser.problem_offset, in: bytes)
        var detail = problem
        if problem == "control characters are not allowed" {
          let byte = parser.problem_offset < bytes.count ? bytes[parser.problem_offset] : 0
          let hex = String(byte, radix: 16, uppercase: true)
          detail = "a control character (byte 0x\(hex.count == 1 ? "0" + hex : hex)) is not allowed in YAML text"
        }
        return fail(line: at.line, column: at.column, "yaml syntax error: \(detail)")
      default:
        if problem.hasPrefix("Maximum nesting level reached") {
          return fail(
            line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
            "the YAML is nested more than \(limits.maximumDepth) levels deep here; a scenario needs a few levels, so this file is refused")
        }
        if let tab = tabInIndentation(line: Int(parser.problem_mark.line)) {
          return fail(
            line: tab.line, column: tab.column,
            "yaml syntax error: a tab in the indentation; YAML forbids tabs for indenting, indent with spaces")
        }
        var context = ""
        if let text = parser.context {
          context = " (\(String(cString: text)) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return fail(
          line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1, "yaml syntax error: \(problem)\(context)")
      }
    }
  }
}
