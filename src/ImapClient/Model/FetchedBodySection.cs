namespace ImapClient;

/// <summary>One <c>BODY[section]&lt;origin&gt;</c>, <c>BINARY[…]</c> or <c>RFC822*</c> item of a FETCH response.</summary>
public sealed class FetchedBodySection
{
    internal FetchedBodySection(string name, string section, long? origin, ReadOnlyMemory<byte>? data)
    {
        Name = name;
        Section = section;
        Origin = origin;
        Data = data;
    }

    /// <summary>The item name in upper case: <c>BODY</c>, <c>BINARY</c>, <c>RFC822</c>, <c>RFC822.HEADER</c> or <c>RFC822.TEXT</c>.</summary>
    public string Name { get; }

    /// <summary>The section as the server sent it between the brackets (e.g. <c>HEADER</c>, <c>1.2</c>, empty for the whole message).</summary>
    public string Section { get; }

    /// <summary>The starting octet of a partial fetch, or null for a whole section.</summary>
    public long? Origin { get; }

    /// <summary>The bytes, or null when the server sent NIL.</summary>
    public ReadOnlyMemory<byte>? Data { get; }
}
