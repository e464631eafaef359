namespace ImapClient;

/// <summary>The capabilities a server announced, as a typed, case-insensitive set.</summary>
public sealed class ImapCapabilities
{
    private readonly HashSet<string> _all;
    private readonly HashSet<string> _mechanisms;

    internal ImapCapabilities(IEnumerable<string> atoms)
    {
        _all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _mechanisms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var atom in atoms)
        {
            _all.Add(atom);
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
    public bool Imap4Rev2 => Contains("IMAP4rev2");

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

    /// <summary>True when the server announced the capability (case-insensitive).</summary>
    /// <param name="capability">The capability atom, e.g. <c>MOVE</c> or <c>AUTH=PLAIN</c>.</param>
    /// <returns>Whether it was announced.</returns>
    public bool Contains(string capability) => _all.Contains(capability);

    /// <summary>True when the server offers the SASL mechanism.</summary>
    /// <param name="mechanism">The mechanism name, e.g. <c>CRAM-MD5</c>.</param>
    /// <returns>Whether <c>AUTH=mechanism</c> was announced.</returns>
    public bool SupportsAuthentication(string mechanism) => _mechanisms.Contains(mechanism);

    /// <summary>The capabilities separated by spaces.</summary>
    /// <returns>The capability atoms.</returns>
    public override string ToString() => string.Join(' ', _all);
}
