/// The commented scenario `acsa new` writes: a small exercise that validates and runs
/// with every expectation passing, for a newcomer to edit.
public enum StarterScenario {
  /// The scenario, named after `name` (the file's name without its extension). `schema`:
  /// the path of the format's JSON Schema from the file's folder, named on the first
  /// line so that a YAML editor checks and completes the file.
  public static func text(name: String, schema: String = "scenario.schema.json") -> String {
    "# yaml-language-server: $schema=\(schema)\n"
      + template.replacingOccurrences(of: "@NAME@", with: yamlQuoted(name + ": starter exercise"))
  }

  /// A YAML double-quoted scalar.
  static func yamlQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" : "") + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// How many orders and expectations the starter holds (for the message `acsa new` prints).
  public static let orders = 2
  public static let expectations = 5

  static let template = """
    # A starter scenario, written by `acsa new`: a small exercise to read, run and edit.
    #
    #   acsa validate THIS-FILE      static checks only (every error, with its line)
    #   acsa run THIS-FILE           replay into a ledger (THIS-FILE's name with .sqlite)
    #   acsa balance LEDGER          who owes whom
    #   acsa audit LEDGER            what the audit finds
    #
    # Every key is described in docs/scenario-format.md (`acsa format` prints it), and
    # docs/scenario.schema.json lets a YAML editor check and complete this file;
    # docs/tutorial.md walks through the commands on the scenarios in scenarios/, and
    # `acsa glossary` explains each ACSA term (`acsa glossary offset`).
    # Amounts are strings "<currency> <decimal>" ("PHP 1500.00", "JPY 98"), never floats;
    # dates are YYYY-MM-DD.

    # The run: a name, and the simulated period. Every event is dated inside it, and
    # deadlines are processed up to its end. `format: "1.4"`: the format's version 1.4
    # (the 12 months counted as calendar months; what is owed after the deadline stays
    # owed and is flagged).
    scenario:
      name: @NAME@
      description: >
        The Philippine Marines billet a Japanese company for a week (settled in cash), and
        the Japanese brigade lends the Marines diesel (to be replaced in kind). Unit names
        are real; quantities, prices and the rate are illustrative.
      start: 2026-10-01
      end: 2027-03-31
      format: "1.4"

    # The agreement (`acsa glossary ACSA`). Orders dated before `in_force` are refused
    # (not_in_force); only the listed activity types and categories are covered (a
    # weapon never is). Each provision must be settled within `settlement_months`
    # calendar months of its delivery; a cash bill is due `payment_days` after it is
    # billed (30 days is an illustrative setting, not a term of any published text).
    agreement:
      id: JP-PH-ACSA
      signed: 2026-01-15
      in_force: 2026-09-01
      tax_exempt: true
      settlement_months: 12       # the 12-month deadline, in calendar months
      payment_days: 30
      billing: auto               # auto: a cash delivery is billed on its delivery date
      deadline_policy: flag       # what is still owed after the deadline stays owed; the audit flags it
      offset: true                # the parties may net their cash claims
      activities: [training, pko, hadr, evacuation, routine]
      categories: [food, water, billeting, transportation, fuel, clothing, communications,
                   medical, base_support, storage, facilities, training_services,
                   spare_parts, maintenance, port_services, ammunition]

    # Exactly two parties. Each keeps its own book in its own currency; Japan's fiscal
    # year starts on 1 April, the Philippines' on 1 January (`acsa glossary fiscal`).
    # `signatories` (optional): who may sign orders, up to what amount; an order's
    # `signed_by` names them, and one signed above its signatory's limit is refused.
    parties:
      JP:
        name: Japan Self-Defense Forces
        currency: JPY
        fiscal_year_start: 04-01
        signatories: [ { id: ARDB-S4, name: "ARDB logistics officer", limit: "JPY 5000000" } ]
      PH:
        name: Armed Forces of the Philippines
        currency: PHP
        fiscal_year_start: 01-01
        signatories: [ { id: MBLT4-S4, name: "MBLT-4 logistics officer", limit: "PHP 2000000.00" } ]

    # The units that order, provide and receive; each belongs to one party.
    units:
      - { id: ARDB, party: JP, name: "JGSDF Amphibious Rapid Deployment Brigade" }
      - { id: MBLT-4, party: PH, name: "PMC Marine Battalion Landing Team 4" }

    # What orders are made for: an activity of a covered type. Orders must be dated
    # inside its period (deliveries may come later).
    activities:
      - { id: EXERCISE, type: training, start: 2026-10-05, end: 2026-10-16, name: "Starter exercise" }

    # The catalog: each item's category, whether it is a supply or a service, its unit,
    # and each party's own-force price, in its own currency, from a date. A delivery is
    # valued at the provider's price in force on the delivery date.
    catalog:
      - id: BILLET
        name: Billeting, one person-night in barracks
        category: billeting
        kind: service
        unit: person-night
        prices:
          - { party: PH, from: 2026-01-01, price: "PHP 1500.00" }
          - { party: JP, from: 2026-04-01, price: "JPY 4000" }
      - id: DIESEL
        name: Automotive diesel
        category: fuel
        kind: supply
        unit: L
        prices:
          - { party: JP, from: 2026-04-01, price: "JPY 150" }
          - { party: PH, from: 2026-01-01, price: "PHP 62.50" }

    # Exchange rates, quoted as strings: 1 JPY = 0.3871 PHP from 2026-09-01 (the latest
    # rate on or before a date applies). Used by exchanges of equal value, offsets and
    # the audit's valuations.
    rates:
      - { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: "illustrative" }

    # The events, applied in date order (on one date, in file order). An `expect` checks
    # the state at the end of its date: `acsa run` exits 1 when one fails.
    events:
      # Orders: the Marines will billet 30 Japanese personnel for 7 nights (paid in
      # cash); the brigade lends 2,000 L of diesel (to be replaced in kind). Each records
      # who signed it, where, the points of contact and its supporting documents.
      - date: 2026-10-05
        order: { id: PH-0001, activity: EXERCISE, provider: MBLT-4, receiver: ARDB,
                 settlement: cash, lines: [ { item: BILLET, qty: 210 } ],
                 signed_by: { JP: ARDB-S4, PH: MBLT4-S4 }, place: "Camp Cape Bojeador",
                 contacts: { JP: "ARDB S4", PH: "MBLT-4 S4" }, documents: [ "REQ-001" ] }
      - date: 2026-10-06
        order: { id: JP-0001, activity: EXERCISE, provider: ARDB, receiver: MBLT-4,
                 settlement: replacement, lines: [ { item: DIESEL, qty: 2000 } ],
                 signed_by: { JP: ARDB-S4, PH: MBLT4-S4 }, place: "Camp Cape Bojeador",
                 contacts: { JP: "ARDB S4", PH: "MBLT-4 S4" }, documents: [ "REQ-002" ] }

      # Deliveries: each creates the receiver's debt, with a signed receipt (the default).
      - date: 2026-10-07
        deliver: { order: JP-0001 }         # 2,000 L owed in kind; deadline 2027-10-07
      - date: 2026-10-12
        deliver: { order: PH-0001 }         # 210 x PHP 1,500.00 = PHP 315,000.00, due 2026-11-11
      - date: 2026-10-12
        expect: { outstanding: { debtor: JP, creditor: PH, cash: "PHP 315000.00" } }
      - date: 2026-10-12
        expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: DIESEL, qty: 2000 } } }

      # Settlements: Japan pays the bill before it is due; the Marines return the diesel.
      - date: 2026-11-02
        pay: { order: PH-0001, amount: "PHP 315000.00" }
      - date: 2026-11-02
        expect: { order: PH-0001, status: settled }
      - date: 2027-01-20
        return: { order: JP-0001, lines: [ { item: DIESEL, qty: 2000 } ] }
      - date: 2027-01-20
        expect: { order: JP-0001, status: settled }

      # At the end: no lapse for the audit to find.
      - date: 2027-03-31
        expect: { findings: { unsigned_order: 0, no_receipt: 0, late_payment: 0, overdue: 0, book_mismatch: 0 } }

      # Next, try these one at a time, running `acsa run` and `acsa audit` after each
      # (when an expectation above fails, read what it says, then fix or change it):
      #   - pay on 2026-11-20 instead: a late payment (the bill was due 2026-11-11);
      #   - `receipt: false` on a delivery: the audit's no_receipt;
      #   - `books: [PH]` on the payment: recorded in PH's book only (acsa reconcile);
      #   - an order for an item of category `weapons`: refused (excluded_category);
      #   - return only 1500 L, and set `end: 2027-12-31`: what is left is overdue from
      #     2027-10-08 (with `deadline_policy: convert`, it becomes a cash claim then);
      #   - order 40,000 L of diesel: JPY 6,000,000, above ARDB-S4's limit of
      #     JPY 5,000,000 (over_authority);
      #   - add `required_order_fields: [place, contacts, documents, signed_by]` to the
      #     agreement and drop `documents` from an order (incomplete_order).
      # The scenarios in scenarios/ show every event: kamandag-2026.yaml to start.

    """
}
