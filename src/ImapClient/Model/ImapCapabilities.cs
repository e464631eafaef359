namespace ImapClient;

/// <summary>
/// The capabilities a server announced, as a typed, case-insensitive set. A server that announces <c>IMAP4rev2</c>
/// offers every extension RFC 9051 folded into the base protocol (its appendix E) whether or not it lists them:
/// <see cref="Contains"/> and the properties answer for those too; <see cref="All"/> holds what was sent.
/// </summary>
public sealed class ImapCapabilities
{
    /// <summary>
    /// The extensions RFC 9051 (appendix E) made part of IMAP4rev2: NAMESPACE, UNSELECT, UIDPLUS, ESEARCH, SEARCHRES,
    /// ENABLE, IDLE, SASL-IR, LIST-EXTENDED, LIST-STATUS, MOVE and LITERAL- (item 1, with CHILDREN's return option),
    /// STATUS=SIZE and BINARY. Not SPECIAL-USE: RFC 9051 took its mailbox attributes (<c>\Sent</c> … in LIST responses)
    /// but not the LIST selection and return options the capability stands for (its grammar has neither). Nor
    /// CREATE-SPECIAL-USE, LITERAL+, CONDSTORE or QRESYNC, which stay extensions.
    /// </summary>
    private static readonly HashSet<string> FoldedIntoImap4Rev2 = new(StringComparer.OrdinalIgnoreCase)
    {
        "NAMESPACE", "UNSELECT", "UIDPLUS", "ESEARCH", "SEARCHRES", "ENABLE", "IDLE", "SASL-IR", "LIST-EXTENDED",
        "LIST-STATUS", "MOVE", "LITERAL-", "CHILDREN", "STATUS=SIZE", "BINARY",
    };

    private readonly HashSet<string> _all;
    private readonly HashSet<string> _mechanisms;
    private readonly bool _imap4Rev2;

    internal ImapCapabilities(IEnumerable<string> atoms)
    {
        _all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _mechanisms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var atom in atoms)
        {
            _all.Add(atom);
            _imap4Rev2 |= string.Equals(atom, "IMAP4rev2", StringComparison.OrdinalIgnoreCase);
            if (atom.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase))
            {
                _mechanisms.Add(atom[5..].ToUpperInvariant());
            }
        }
    }

    /// <summary>A set with no capabilities, used before the server has told us any.</summary>
    public static ImapCapabilities None { get; } = new([]);

    /// <summary>Every capability atom, as sent (e.g. <c>IMAP4rev1</c>, <c>AUTH=CRAM-MD5</c>, <c>LITERAL+</c>).</summary>
    public IReadOnlyCollection<string> All => _all;

    /// <summary>The SASL mechanisms from the <c>AUTH=</c> capabilities, in upper case.</summary>
    public IReadOnlyCollection<string> AuthenticationMechanisms => _mechanisms;

    /// <summary>IMAP4rev1 (RFC 3501).</summary>
    public bool Imap4Rev1 => Contains("IMAP4rev1");

    /// <summary>IMAP4rev2 (RFC 9051).</summary>
    public bool Imap4Rev2 => _imap4Rev2;

    /// <summary>LOGINDISABLED: the LOGIN command must not be used.</summary>
    public bool LoginDisabled => Contains("LOGINDISABLED");

    /// <summary>STARTTLS.</summary>
    public bool StartTls => Contains("STARTTLS");

    /// <summary>SASL-IR (RFC 4959): an initial response may go on the AUTHENTICATE line.</summary>
    public bool SaslInitialResponse => Contains("SASL-IR");

    /// <summary>LITERAL+ (RFC 7888): non-synchronizing literals of any size.</summary>
    public bool LiteralPlus => Contains("LITERAL+");

    /// <summary>LITERAL- (RFC 7888): non-synchronizing literals up to 4096 bytes.</summary>
    public bool LiteralMinus => Contains("LITERAL-");

    /// <summary>IDLE (RFC 2177).</summary>
    public bool Idle => Contains("IDLE");

    /// <summary>UIDPLUS (RFC 4315).</summary>
    public bool UidPlus => Contains("UIDPLUS");

    /// <summary>
    /// True when the server announced the capability (case-insensitive), or announced <c>IMAP4rev2</c>, of which the
    /// capability is part (RFC 9051 appendix E: MOVE, UIDPLUS, ESEARCH, IDLE, BINARY …).
    /// </summary>
    /// <param name="capability">The capability atom, e.g. <c>MOVE</c> or <c>AUTH=PLAIN</c>.</param>
    /// <returns>Whether the server offers it.</returns>
    public bool Contains(string capability) =>
        _all.Contains(capability) || (_imap4Rev2 && FoldedIntoImap4Rev2.Contains(capability));

    /// <summary>True when the server offers the SASL mechanism.</summary>
    /// <param name="mechanism">The mechanism name, e.g. <c>CRAM-MD5</c>.</param>
    /// <returns>Whether <c>AUTH=mechanism</c> was announced.</returns>
    public bool SupportsAuthentication(string mechanism) => _mechanisms.Contains(mechanism);

    /// <summary>The capabilities separated by spaces.</summary>
    /// <returns>The capability atoms.</returns>
    public override string ToString() => string.Join(' ', _all);
}
