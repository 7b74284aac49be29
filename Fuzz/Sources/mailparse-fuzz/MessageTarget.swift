import MIMECore

/// `Message` invariants:
/// 1. `serialized()` equals the input byte for byte (DESIGN.md §3, round trip).
/// 2. Parsing the output again gives the same parts and defects.
/// 3. Every part's ranges are ordered and inside its parent's body; depths follow parents;
///    parts are in depth-first order; field ranges are in bounds; defect offsets in the input.
enum MessageTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let options = fuzzOptions(inputHash(input))
        // A view of the exact-size buffer itself: any over-read is an ASan report.
        let view = ByteView(ByteStorage(unsafeBytes: input, release: nil))
        let message = Message(parsing: view, options: options)
        let output = message.serialized()
        if !output.elementsEqual(input) {
            let at = zip(output, input).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(output.count, input.count)
            violated("round trip differs at byte \(at) (output \(output.count) bytes)", input)
        }
        let again = Message(parsing: output, options: options)
        if again.parts != message.parts { violated("re-parse gives another part tree", input) }
        if again.allDefects != message.allDefects { violated("re-parse gives other defects", input) }
        check(message, input)
    }

    static func check(_ message: Message, _ input: UnsafeRawBufferPointer) {
        if message.parts.isEmpty { violated("no root part", input) }
        for (index, part) in message.parts.enumerated() {
            if part.id.rawValue != index { violated("part \(index) has id \(part.id)", input) }
            if !(part.headerStart <= part.bodyStart && part.bodyStart <= part.bodyEnd && part.bodyEnd <= input.count) {
                violated("part \(index) ranges \(part.headerStart) \(part.bodyStart) \(part.bodyEnd)", input)
            }
            if part.fieldRange.upperBound > message.fields.count { violated("part \(index) fields out of range", input) }
            guard let parentID = part.parent else {
                if index != 0 || part.depth != 0 { violated("part \(index) has no parent", input) }
                continue
            }
            if parentID.rawValue >= index { violated("part \(index) before its parent", input) }
            let parent = message[parentID]
            if part.depth != parent.depth + 1 { violated("part \(index) depth \(part.depth)", input) }
            if parent.kind == .leaf { violated("part \(index) is the child of a leaf", input) }
            if !(parent.bodyStart <= part.headerStart && part.bodyEnd <= parent.bodyEnd) {
                violated("part \(index) outside its parent's body", input)
            }
        }
        for id in message.parts.map(\.id) {
            _ = message.children(of: id)
            _ = message.entity(of: id).count
            for field in message.fields(of: id) { _ = field }
        }
        for defect in message.allDefects where !(0...input.count).contains(defect.offset) {
            violated("defect \(defect) outside the input", input)
        }
    }
}
