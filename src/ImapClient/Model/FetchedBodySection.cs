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

    /// <summary>
    /// The section the server sent between the brackets, in normal form: upper case, field names unquoted, one space
    /// between tokens (e.g. <c>HEADER</c>, <c>1.2</c>, <c>HEADER.FIELDS (SUBJECT MESSAGE-ID)</c>, empty for the whole
    /// message). Compare it with a requested section through <see cref="Matches"/>.
    /// </summary>
    public string Section { get; }

    /// <summary>The starting octet of a partial fetch, or null for a whole section.</summary>
    public long? Origin { get; }

    /// <summary>The bytes, or null when the server sent NIL.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>
    /// Whether this is the section that was requested as <paramref name="section"/>: both compared in one normal form,
    /// so <c>HEADER.FIELDS ("SUBJECT")</c> from the server matches <c>header.fields (Subject)</c>. The origin of a
    /// partial fetch is not part of it: check <see cref="Origin"/> as well.
    /// </summary>
    /// <param name="section">The section as given to <see cref="FetchRequest.AddBodySection"/>.</param>
    /// <returns>True when they name the same section.</returns>
    public bool Matches(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return SectionNormalForm.Equivalent(Section, section);
    }
}
