namespace ImapClient;

/// <summary>One namespace from NAMESPACE (RFC 2342): the prefix its mailbox names start with and its delimiter.</summary>
public sealed class MailboxNamespace
{
    internal MailboxNamespace(string prefix, char? delimiter, IReadOnlyDictionary<string, IReadOnlyList<string>> extensions)
    {
        Prefix = prefix;
        Delimiter = delimiter;
        Extensions = extensions;
    }

    /// <summary>The prefix, decoded from the wire form, e.g. an empty string or <c>#shared/</c>.</summary>
    public string Prefix { get; }

    /// <summary>The hierarchy delimiter, or null when the namespace is flat.</summary>
    public char? Delimiter { get; }

    /// <summary>Namespace response extensions by name, e.g. <c>TRANSLATION</c>; usually empty.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extensions { get; }

    /// <summary>The prefix and delimiter, for diagnostics.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"\"{Prefix}\" '{Delimiter}'";
}
