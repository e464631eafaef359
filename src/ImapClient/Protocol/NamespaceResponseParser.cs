namespace ImapClient.Protocol;

/// <summary><c>NAMESPACE personal other-users shared</c> (RFC 2342): each NIL or a list of (prefix delimiter [extensions]).</summary>
internal static class NamespaceResponseParser
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtensions =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    public static ImapNamespaceResponse Parse(ref ImapReader reader, bool utf8Names)
    {
        var personal = ParseKind(ref reader, utf8Names);
        var otherUsers = ParseKind(ref reader, utf8Names);
        var shared = ParseKind(ref reader, utf8Names);
        return new ImapNamespaceResponse(new MailboxNamespaces(personal, otherUsers, shared));
    }

    private static List<MailboxNamespace> ParseKind(ref ImapReader reader, bool utf8Names)
    {
        reader.SkipSpaces();
        var namespaces = new List<MailboxNamespace>();
        if (reader.TryReadNil())
        {
            return namespaces;
        }

        reader.Expect((byte)'(');
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return namespaces;
            }

            namespaces.Add(ParseDescription(ref reader, utf8Names));
        }
    }

    private static MailboxNamespace ParseDescription(ref ImapReader reader, bool utf8Names)
    {
        reader.Expect((byte)'(');
        reader.SkipSpaces();
        var prefix = MailboxName.FromWire(reader.ReadAString(), utf8Names);
        reader.SkipSpaces();
        var delimiter = reader.ReadNQuotedChar();
        Dictionary<string, IReadOnlyList<string>>? extensions = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return new MailboxNamespace(prefix, delimiter, extensions ?? NoExtensions);
            }

            var name = reader.ReadAString();
            reader.SkipSpaces();
            reader.Expect((byte)'(');
            var values = new List<string>();
            while (true)
            {
                reader.SkipSpaces();
                if (reader.TryConsume((byte)')'))
                {
                    break;
                }

                values.Add(reader.ReadAString());
            }

            (extensions ??= new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase))[name] = values;
        }
    }
}
