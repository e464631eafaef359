namespace ImapClient;

/// <summary>A response code: the bracketed part of a status response, such as <c>[UIDVALIDITY 3857529045]</c>.</summary>
public sealed class ImapResponseCode
{
    internal ImapResponseCode(ImapResponseCodeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>The code, typed; <see cref="ImapResponseCodeKind.Unknown"/> for codes this library does not interpret.</summary>
    public ImapResponseCodeKind Kind { get; }

    /// <summary>The code's name in upper case, e.g. <c>UIDVALIDITY</c>.</summary>
    public string Name { get; }

    /// <summary>The numeric argument of UIDNEXT, UIDVALIDITY and UNSEEN.</summary>
    public ulong? Number { get; internal init; }

    /// <summary>The flags of PERMANENTFLAGS.</summary>
    public MessageFlags? Flags { get; internal init; }

    /// <summary>The capabilities of CAPABILITY.</summary>
    public ImapCapabilities? Capabilities { get; internal init; }

    /// <summary>The charsets of BADCHARSET (empty when the server listed none).</summary>
    public IReadOnlyList<string>? Charsets { get; internal init; }

    /// <summary>The raw argument text of a code that has one, as the server sent it; null when there is none.</summary>
    public string? Arguments { get; internal init; }

    /// <summary>The set of <see cref="ImapResponseCodeKind.Modified"/>.</summary>
    public SequenceSet? Set { get; internal init; }

    /// <summary>The code as it appeared inside the brackets.</summary>
    /// <returns>The name, followed by the arguments when there are any.</returns>
    public override string ToString()
    {
        var arguments = Kind switch
        {
            ImapResponseCodeKind.Capability => Capabilities?.ToString(),
            ImapResponseCodeKind.PermanentFlags => $"({Flags})",
            ImapResponseCodeKind.BadCharset => Charsets is { Count: > 0 } c ? $"({string.Join(' ', c)})" : null,
            ImapResponseCodeKind.UidNext or ImapResponseCodeKind.UidValidity or ImapResponseCodeKind.Unseen =>
                Number?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Arguments,
        };
        return string.IsNullOrEmpty(arguments) ? Name : $"{Name} {arguments}";
    }
}
