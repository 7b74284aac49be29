/// Word lists the generator draws from. Small on purpose: the parser does not care what the words mean, only
/// that lines, fields and bytes look like real mail (lengths, punctuation, the odd non-ASCII letter).
enum Vocabulary {
    static let words: [String] = """
        the of and to in is that it for on with as this be are we not by can if but when which from an \
        or have was will should would could at all so there one some more also than then they only do \
        patch change fix issue case code path value buffer error return state driver kernel memory page \
        lock queue device table entry list header field message parser reader boundary line offset length \
        test build release version commit branch merge review series cover letter update cleanup refactor \
        performance regression report bug crash warning handle support allow avoid ensure remove replace \
        add move rename split check compare before after because however instead actually probably think \
        agree looks good thanks sorry please maybe right wrong problem question answer reason example \
        current previous next first last new old simple complex small large fast slow safe unsafe correct
        """.split(separator: " ").map(String.init)

    /// Words with a Latin-1 letter, for text in utf-8, iso-8859-1 and windows-1252.
    static let latinWords: [String] = [
        "café", "naïve", "résumé", "déjà", "Zürich", "Müller", "señor", "año", "über", "Größe", "façade",
        "crème", "brûlée", "Ångström", "smørrebrød", "São", "Paulo", "niño", "élève", "Köln", "Straße", "Grüße",
        "voilà", "coöperate", "Dvořák",
    ]

    /// Typographic punctuation windows-1252 has and Latin-1 lacks.
    static let smartPunctuation: [String] = ["“quoted”", "it’s", "–", "—", "…", "€20", "‘single’"]

    static let russianWords: [String] = [
        "привет", "письмо", "документ", "встреча", "завтра", "спасибо", "отчёт", "проект", "сегодня", "вопрос",
        "ответ", "файл", "договор", "счёт", "работа", "время", "неделя", "команда", "Москва", "Россия",
    ]

    static let firstNames: [String] = [
        "Alice", "Bob", "Carol", "David", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj",
        "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Linus", "Greg", "Christoph", "Jens",
        "Andrew", "Steven", "Thomas", "Arnd", "Jakub", "Paolo", "Eric", "Florian", "Kees", "Johannes", "Ingo",
    ]

    static let lastNames: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
        "Hall", "Allen", "Young", "King", "Wright", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson",
    ]

    /// Names that need an encoded word (or raw 8-bit) in a header.
    static let internationalNames: [String] = [
        "José García", "Jürgen Müller", "Łukasz Wiśniewski", "Søren Kierkegård", "François Lefèvre",
        "Zoë Brontë", "Ólafur Arnalds", "Dvořák Antonín", "Renée Zellweger", "Håkon Wium", "Björn Ångström",
        "Иван Петров", "Мария Иванова", "田中 太郎", "山田 花子", "Nguyễn Văn An", "Çağlar Söyüncü",
    ]

    static let domains: [String] = [
        "example.com", "example.org", "example.net", "mail.example.com", "lists.example.org", "corp.example",
        "university.example.edu", "kernel.example.org", "gmail.example", "outlook.example", "posteo.example",
        "fastmail.example", "yandex.example", "mail.example.jp", "intel.example", "redhat.example",
    ]

    static let lists: [String] = [
        "linux-kernel", "netdev", "linux-mm", "git", "qemu-devel", "dri-devel", "linux-fsdevel", "bpf",
        "linux-arm-kernel", "linux-usb", "swift-evolution", "postgresql-hackers", "llvm-dev", "debian-devel",
    ]

    static let subsystems: [String] = [
        "mm", "net", "fs/ext4", "drm/i915", "bpf", "usb: xhci", "sched/fair", "btrfs", "arm64: dts",
        "tools/perf", "docs", "selftests", "io_uring", "crypto", "mailparse: reader", "git-send-email",
    ]

    static let paths: [String] = [
        "mm/page_alloc.c", "net/core/dev.c", "fs/ext4/inode.c", "drivers/gpu/drm/i915/i915_gem.c",
        "kernel/bpf/verifier.c", "drivers/usb/host/xhci-ring.c", "kernel/sched/fair.c", "fs/btrfs/extent-tree.c",
        "arch/arm64/boot/dts/board.dts", "tools/perf/builtin-record.c", "Documentation/admin-guide/README.rst",
        "tools/testing/selftests/net/Makefile", "io_uring/io_uring.c", "crypto/aead.c", "include/linux/mm.h",
        "Sources/MIMECore/MIMEReader.swift", "builtin/send-email.c", "t/t9001-send-email.sh",
    ]

    static let identifiers: [String] = [
        "ret", "err", "len", "buf", "page", "skb", "dev", "ctx", "req", "node", "flags", "offset", "count", "i",
        "priv", "state", "entry", "head", "tail", "size", "addr", "mask", "cpu", "work", "lock", "data", "ops",
    ]

    static let functions: [String] = [
        "kmalloc", "kfree", "spin_lock", "spin_unlock", "memcpy", "list_add_tail", "WARN_ON", "pr_debug",
        "dev_err", "mutex_lock", "mutex_unlock", "refcount_inc", "skb_put", "folio_put", "rcu_read_lock",
        "copy_from_user", "atomic_dec_and_test", "queue_work", "BUG_ON", "unlikely", "READ_ONCE",
    ]

    static let mailers: [String] = [
        "git-send-email 2.43.0", "git-send-email 2.39.2", "Mutt/2.2.12 (2023-09-09)", "Evolution 3.50.2",
        "Mozilla Thunderbird 115.6.0", "Microsoft Outlook 16.0", "Apple Mail (2.3774.300.61.1.2)",
        "NeoMutt/20231103", "Roundcube Webmail/1.6.5", "K-9 Mail for Android",
    ]

    static let relays: [String] = [
        "mx.example.com", "smtp.example.org", "relay.example.net", "mail-lf1-f45.google.example",
        "out1-smtp.messagingengine.example", "mx1.redhat.example", "smtp.subspace.kernel.example",
        "mail.posteo.example", "sin.source.kernel.example", "EUR05-DB8-obe.outbound.protection.outlook.example",
    ]
}
