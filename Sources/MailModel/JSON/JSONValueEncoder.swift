/// Turns any `Encodable` value into a `JSONValue` directly, with the same result as encoding it with
/// `JSONEncoder` and decoding the bytes as `JSONValue`, without the bytes in between.
///
/// Whole doubles become `.int` as they would after the round trip; `Date`, `Data` and `URL` get no
/// special treatment (the values this is used for have none).
public enum JSONValueEncoder {
    /// The JSON value of `value`.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = SlotEncoder(slot: Slot(), codingPath: [])
        try value.encode(to: encoder)
        return encoder.slot.value
    }
}

/// Where an encoder puts what it was given: a value, or the slots of an object or array being built.
private final class Slot {
    enum Content {
        case value(JSONValue)
        case object([String: Slot])
        case array([Slot])
    }

    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case .value(let value): value
        case .object(let slots): .object(slots.mapValues(\.value))
        case .array(let slots): .array(slots.map(\.value))
        }
    }

    func objectSlot(_ key: String) -> Slot {
        var slots: [String: Slot] = [:]
        if case .object(let existing) = content { slots = existing }
        let slot = slots[key] ?? Slot()
        slots[key] = slot
        content = .object(slots)
        return slot
    }

    func appendSlot() -> Slot {
        var slots: [Slot] = []
        if case .array(let existing) = content { slots = existing }
        let slot = Slot()
        slots.append(slot)
        content = .array(slots)
        return slot
    }

    func becomeObject() { if case .object = content {} else { content = .object([:]) } }
    func becomeArray() { if case .array = content {} else { content = .array([]) } }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// Encodes one value into a slot: scalars directly, anything else through its own `encode(to:)`.
private func put(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey]) throws {
    switch value {
    case let value as String: slot.content = .value(.string(value))
    case let value as Bool: slot.content = .value(.bool(value))
    case let value as Int: slot.content = .value(.int(value))
    case let value as Double: slot.content = .value(number(value))
    default:
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }
}

/// A double as it reads back from JSON text: whole values that fit an `Int` are integers.
private func number(_ value: Double) -> JSONValue {
    if value.rounded() == value, abs(value) < 9.0e15 { return .int(Int(value)) }
    return .double(value)
}

private struct KeyedSlots<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.objectSlot(key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try put(value, into: slot.objectSlot(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = slot.objectSlot(key.stringValue)
        nested.becomeObject()
        return KeyedEncodingContainer(KeyedSlots<NestedKey>(slot: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = slot.objectSlot(key.stringValue)
        nested.becomeArray()
        return UnkeyedSlots(slot: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        SlotEncoder(slot: slot.objectSlot("super"), codingPath: codingPath + [AnyKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: slot.objectSlot(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlots: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int {
        if case .array(let slots) = slot.content { return slots.count }
        return 0
    }

    mutating func encodeNil() throws { slot.appendSlot().content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = AnyKey(intValue: count)
        try put(value, into: slot.appendSlot(), codingPath: codingPath + [index])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = slot.appendSlot()
        nested.becomeObject()
        return KeyedEncodingContainer(KeyedSlots<NestedKey>(slot: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = slot.appendSlot()
        nested.becomeArray()
        return UnkeyedSlots(slot: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appendSlot(), codingPath: codingPath) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(number(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .value(number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.int(value)) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try put(value, into: slot, codingPath: codingPath) }
}

/// An encoder writing into a slot.
private struct SlotEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.becomeObject()
        return KeyedEncodingContainer(KeyedSlots<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.becomeArray()
        return UnkeyedSlots(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}
