import MIMECore
import MIMEMailbox

/// `MboxReader` framing in every format: entries tile the input (each starts where the last
/// ended, the first at 0, the last ends at the end); the message lies inside its entry; the
/// unquoted message has `messageLength` bytes; defects lie inside the input. The one gap allowed
/// is deviation 5 of `MboxFramer`: a byte order mark and blank lines before the first entry.
enum MboxTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let view = ByteView(ByteStorage(unsafeBytes: input, release: nil))
        var skipped = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while skipped < input.count, input[skipped] == 0x0A || input[skipped] == 0x0D { skipped += 1 }
        for format in [MboxFormat.auto, .mboxrd, .mboxo, .mboxcl, .mboxcl2] {
            var position = skipped
            var count = 0
            for entry in MboxReader(view, options: MboxReadOptions(format: format)) {
                count += 1
                if count > input.count + 1 { violated("\(format): more entries than bytes", input) }
                if entry.offset != position { violated("\(format): entry at \(entry.offset), expected \(position)", input) }
                if entry.length <= 0 && input.count > 0 { violated("\(format): empty entry at \(position)", input) }
                let end = entry.offset + entry.length
                let raw = entry.rawMessage.range
                if !(entry.offset <= entry.messageOffset && raw.lowerBound == entry.messageOffset && raw.upperBound <= end) {
                    violated("\(format): message \(raw) outside entry \(entry.offset)..<\(end)", input)
                }
                if let from = entry.fromLineRange, !(from.lowerBound == entry.offset && from.upperBound <= entry.messageOffset) {
                    violated("\(format): From line \(from) misplaced", input)
                }
                if entry.message.count != entry.messageLength { violated("\(format): unquoted length", input) }
                for d in entry.defects where !(0...input.count).contains(d.offset) {
                    violated("\(format): defect \(d) outside the input", input)
                }
                position = end
            }
            if position != input.count { violated("\(format): entries end at \(position) of \(input.count)", input) }
        }
    }
}
