namespace ImapClient.Protocol;

/// <summary><c>"(" string SP nstring *(SP string SP nstring) ")" / NIL</c>, after <c>ID</c> (RFC 2971).</summary>
internal static class IdResponseParser
{
    public static ImapIdResponse Parse(ref ImapReader reader)
    {
        reader.SkipSpaces();
        if (reader.TryReadNil())
        {
            return new ImapIdResponse(null);
        }

        reader.Expect((byte)'(');
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return new ImapIdResponse(fields);
            }

            var name = reader.ReadString();
            reader.ExpectSpace();
            var value = reader.ReadNString();

            // A field sent twice is against RFC 2971; the first one stands.
            fields.TryAdd(name, value);
        }
    }
}
