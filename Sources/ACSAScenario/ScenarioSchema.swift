import ACSADomain
import Foundation

/// The scenario format as a JSON Schema (draft 2020-12), for YAML editors: `acsa schema`
/// prints it, and `docs/scenario.schema.json` is a copy (a test keeps the two alike and
/// validates every scenario against it). The keys are `ScenarioKeys`', the reader's own;
/// the schema checks shapes and types, while `acsa validate` checks everything (the
/// references between ids, the dates within the period, the digits of each currency).
public enum ScenarioSchema {
  /// The schema as JSON text, keys sorted.
  public static func json() -> String {
    let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    return String(decoding: data ?? Data(), as: UTF8.self) + "\n"
  }

  typealias Object = [String: Any]

  static func ref(_ name: String) -> Object { ["$ref": "#/$defs/\(name)"] }

  /// A mapping with exactly `keys` (each described by `properties`), `required` among them.
  static func mapping(_ keys: [String], required: [String] = [], _ properties: [String: Object], description: String? = nil) -> Object {
    var o: Object = [
      "type": "object", "additionalProperties": false,
      "properties": Dictionary(uniqueKeysWithValues: keys.map { ($0, properties[$0] ?? [:]) }),
    ]
    if !required.isEmpty { o["required"] = required }
    if let description { o["description"] = description }
    return o
  }

  static func list(_ items: Object, nonEmpty: Bool = false) -> Object {
    nonEmpty ? ["type": "array", "items": items, "minItems": 1] : ["type": "array", "items": items]
  }

  static func choice(_ values: [String]) -> Object { ["type": "string", "enum": values] }

  static func described(_ o: Object, _ text: String) -> Object { o.merging(["description": text]) { $1 } }

  static var boolean: Object { ["type": "boolean"] }

  static var document: Object {
    let actions = ScenarioKeys.actions
    var eventProperties: [String: Object] = [
      "date": ref("date"), "id": ref("id"),
      "books": described(list(ref("id")), "recorded in these books only (a lost record); both when left out"),
    ]
    let orderOnly = mapping(ScenarioKeys.orderOnly, required: ["order"], ["order": ref("id")])
    for action in actions {
      switch action {
      case "order":
        eventProperties[action] = mapping(
          ScenarioKeys.order, required: ["id", "activity", "provider", "receiver", "settlement", "lines"],
          [
            "id": ref("id"), "activity": ref("id"), "provider": ref("id"), "receiver": ref("id"),
            "settlement": choice(SettlementMethod.allCases.map(\.rawValue)), "lines": ref("lines"),
            "signed": described(boolean, "default true: both officials sign"),
            "signed_by": described(ref("perParty"), "who signed for each party: an id of parties.<party>.signatories"),
            "place": ref("text"), "requested_date": ref("date"),
            "contacts": described(ref("perParty"), "each party's point of contact"),
            "documents": described(list(ref("text")), "references of supporting documents"),
          ])
      case "sign":
        eventProperties[action] = mapping(
          ScenarioKeys.sign, required: ["order"],
          ["order": ref("id"), "signed_by": described(ref("perParty"), "who signed for each party")])
      case "deliver":
        eventProperties[action] = mapping(
          ScenarioKeys.deliver, required: ["order"],
          [
            "order": ref("id"), "lines": described(ref("lines"), "default: all that is left"),
            "receipt": described(boolean, "default true"), "claim": described(boolean, "default true"),
          ])
      case "pay":
        eventProperties[action] = mapping(ScenarioKeys.pay, required: ["order", "amount"], ["order": ref("id"), "amount": ref("amount")])
      case "return", "exchange":
        eventProperties[action] = mapping(
          ScenarioKeys.settlement, required: ["order", "lines"], ["order": ref("id"), "lines": ref("lines")])
      case "offset": eventProperties[action] = mapping(ScenarioKeys.offset, required: ["amount"], ["amount": ref("amount")])
      case "transfer":
        eventProperties[action] = mapping(
          ScenarioKeys.transfer, required: ["order", "lines", "to"],
          ["order": ref("id"), "lines": ref("lines"), "to": ref("text"), "consent": ref("text")])
      case "expect": eventProperties[action] = ref("expectation")
      default: eventProperties[action] = orderOnly
      }
    }
    var event = mapping(ScenarioKeys.event, required: ["date"], eventProperties)
    event["oneOf"] = actions.map { ["required": [$0]] }

    let top: [String: Object] = [
      "scenario": mapping(
        ScenarioKeys.header, required: ["name", "start", "end"],
        [
          "name": ref("text"), "description": ["type": "string"], "start": ref("date"), "end": ref("date"),
          "seed": ["type": "integer", "minimum": 0],
          "format": described(
            choice(FormatVersion.allCases.map(\.rawValue)), "the format version, quoted: \"1.4\" opts in to its defaults; without it, 1.3"),
        ], description: "the run: its name and simulated period"),
      "agreement": mapping(
        ScenarioKeys.agreement, required: ["id", "in_force", "activities", "categories"],
        [
          "id": ref("id"), "signed": ref("date"), "in_force": ref("date"),
          "tax_exempt": described(boolean, "default true"),
          "settlement_days": described(
            ["type": "integer", "minimum": 1],
            "deadline = delivery + this many days (the default, 365, in format 1.3); not with settlement_months"),
          "settlement_months": described(
            ["type": "integer", "minimum": 1, "maximum": 1200],
            "deadline = delivery + this many calendar months, clamped to the month's end (the default, 12, in format 1.4)"),
          "payment_days": described(["type": "integer", "minimum": 0], "default 30: a bill is due this many days after it is billed"),
          "claim_days": described(["type": "integer", "minimum": 0], "default payment_days: no_claim after this many days"),
          "billing": described(choice(["auto", "manual"]), "default auto"),
          "deadline_policy": described(choice(["convert", "flag"]), "default convert in format 1.3, flag in 1.4"),
          "offset": described(boolean, "default true"),
          "payment_currency": described(choice(["provider", "either"]), "default provider; either: the receiver's currency too"),
          "activities": list(choice(ActivityType.allCases.map(\.rawValue))),
          "categories": list(choice(ScenarioBuilder.coverableCategories.map(\.rawValue))),
          "category_activities": described(
            [
              "type": "object", "propertyNames": choice(ScenarioBuilder.coverableCategories.map(\.rawValue)),
              "additionalProperties": list(choice(ActivityType.allCases.map(\.rawValue))),
            ], "a category covered only for orders made for these activity types"),
          "term_years": described(["type": "integer", "minimum": 1, "maximum": 1000], "the agreement's term from in_force"),
          "terminated": ref("date"),
          "required_order_fields": list(choice(OrderField.allCases.map(\.rawValue))),
        ], description: "the terms both sides signed"),
      "parties": [
        "type": "object", "minProperties": 2, "maxProperties": 2, "description": "exactly two, keyed by their ids",
        "additionalProperties": mapping(
          ScenarioKeys.party, required: ["name", "currency"],
          [
            "name": ref("text"), "currency": ref("currency"), "fiscal_year_start": ["type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"],
            "signatories": list(
              mapping(
                ScenarioKeys.signatory, required: ["id", "name"],
                ["id": ref("id"), "name": ref("text"), "limit": described(ref("amount"), "in the party's currency")])),
          ]),
      ],
      "units": list(mapping(ScenarioKeys.unit, required: ["id", "party"], ["id": ref("id"), "party": ref("id"), "name": ref("text")])),
      "activities": list(
        mapping(
          ScenarioKeys.activity, required: ["id", "type"],
          [
            "id": ref("id"), "type": choice(ActivityType.allCases.map(\.rawValue)), "start": ref("date"), "end": ref("date"),
            "name": ref("text"),
            "determination": described(ref("text"), "for type other (format 1.4): the reference of both governments' decision"),
          ])),
      "catalog": list(
        mapping(
          ScenarioKeys.item, required: ["id", "category", "kind", "unit", "prices"],
          [
            "id": ref("id"), "name": ref("text"), "category": choice(Category.allCases.map(\.rawValue)),
            "kind": choice(["supply", "service"]), "unit": ref("text"), "equivalent_to": ref("id"),
            "prices": list(
              mapping(
                ScenarioKeys.price, required: ["party", "from", "price"], ["party": ref("id"), "from": ref("date"), "price": ref("amount")]),
              nonEmpty: true),
          ])),
      "rates": list(
        mapping(
          ScenarioKeys.rate, required: ["date", "base", "quote", "rate"],
          [
            "date": ref("date"), "base": ref("currency"), "quote": ref("currency"),
            "rate": described(["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,10})?$"], "a quoted decimal, e.g. \"0.3871\""),
            "source": ref("text"),
          ])),
      "events": list(event),
      "generators": list(
        mapping(
          ScenarioKeys.generator, required: ["name", "order"],
          [
            "name": ref("id"), "every": ["type": "integer", "minimum": 1], "from": ref("date"), "to": ref("date"),
            "count": ["type": "integer", "minimum": 1, "maximum": 1_000_000],
            "order": mapping(
              ScenarioKeys.generatedOrder, required: ["activity", "provider", "receiver", "settlement", "lines"],
              [
                "activity": ref("id"), "provider": ref("id"), "receiver": ref("id"),
                "settlement": [
                  "oneOf": [
                    choice(SettlementMethod.allCases.map(\.rawValue)),
                    mapping(
                      SettlementMethod.allCases.map(\.rawValue),
                      Dictionary(uniqueKeysWithValues: SettlementMethod.allCases.map { ($0.rawValue, ref("weight")) })),
                  ]
                ],
                "lines": list(
                  mapping(ScenarioKeys.line, required: ["item", "qty"], ["item": ref("id"), "qty": ref("draw")]), nonEmpty: true),
              ]),
            "deliver_after": ref("draw"), "settle_after": ref("draw"),
            "lapses": mapping(ScenarioKeys.lapses, Dictionary(uniqueKeysWithValues: ScenarioKeys.lapses.map { ($0, ref("weight")) })),
          ])),
    ]
    var root = mapping(ScenarioKeys.top, required: ScenarioKeys.requiredTop, top)
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    root["title"] = "acsa scenario"
    root["description"] =
      "A cross-servicing exercise replayed by acsa: docs/scenario-format.md describes every key. `acsa validate` checks what a schema cannot."
    root["$defs"] = definitions
    return root
  }

  static var definitions: Object {
    let noControl = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$"
    return [
      "date": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "YYYY-MM-DD, a real calendar date"],
      "id": ["type": "string", "minLength": 1, "pattern": noControl],
      "text": ["type": "string", "minLength": 1, "pattern": noControl],
      "currency": ["type": "string", "pattern": "^[A-Z]{3}$"],
      "perParty": ["type": "object", "additionalProperties": ref("text"), "description": "a text per party id"],
      "amount": [
        "type": "string", "pattern": "^[A-Z]{3} [0-9]+(\\.[0-9]+)?$",
        "description": "\"<ISO 4217 code> <decimal>\", e.g. \"PHP 1500.00\" or \"JPY 98\"; never a bare number",
      ],
      "quantity": [
        "oneOf": [
          ["type": "number", "exclusiveMinimum": 0],
          ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"],
        ],
        "description": "greater than 0, at most 3 fractional digits",
      ],
      "weight": ["oneOf": [["type": "number", "minimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"]]],
      "draw": [
        "anyOf": [
          ref("quantity"),
          ["type": "integer", "minimum": 0],
          mapping(
            ["uniform"], required: ["uniform"],
            [
              "uniform": [
                "type": "array", "items": ["anyOf": [ref("quantity"), ["type": "integer", "minimum": 0]]], "minItems": 2, "maxItems": 2,
              ]
            ]),
          mapping(["poisson"], required: ["poisson"], ["poisson": ref("quantity")]),
        ],
        "description": "a number, { uniform: [low, high] } or { poisson: mean }",
      ],
      "lines": list(mapping(ScenarioKeys.line, required: ["item", "qty"], ["item": ref("id"), "qty": ref("quantity")]), nonEmpty: true),
      "expectation": [
        "oneOf": [
          mapping(
            ["outstanding"], required: ["outstanding"],
            [
              "outstanding": mapping(
                ScenarioKeys.outstanding, required: ["debtor", "creditor"],
                [
                  "debtor": ref("id"), "creditor": ref("id"), "cash": ref("amount"), "equal_value": ref("amount"),
                  "in_kind": mapping(
                    ScenarioKeys.line, required: ["item", "qty"], ["item": ref("id"), "qty": ["oneOf": [ref("quantity"), ["const": 0]]]]),
                ])
            ]),
          mapping(
            ["order", "status"], required: ["order", "status"],
            ["order": ref("id"), "status": choice(OrderStatus.allCases.map(\.rawValue))]),
          mapping(
            ["refused", "code"], required: ["refused", "code"],
            ["refused": ref("id"), "code": choice(RefusalCode.allCases.map(\.rawValue))]),
          mapping(
            ["findings"], required: ["findings"],
            [
              "findings": mapping(
                FindingCode.allCases.map(\.rawValue),
                Dictionary(uniqueKeysWithValues: FindingCode.allCases.map { ($0.rawValue, ["type": "integer", "minimum": 0]) }))
            ]),
        ]
      ],
    ]
  }
}
