namespace ImapClient;

/// <summary>
/// One body section of a streaming FETCH, handed over as it arrives. Read <see cref="Content"/> (or dispose it to
/// skip the rest) before moving to the next message: unless another command is pending (then the rest is set aside,
/// see <see cref="ImapConnection.FetchStreamAsync"/>), the connection reads no further until then.
/// </summary>
public sealed class FetchedBody : IAsyncDisposable
{
    internal FetchedBody(FetchedMessage message, string name, string section, long? origin, long length, Stream content)
    {
        Message = message;
        Name = name;
        Section = section;
        Origin = origin;
        Length = length;
        Content = content;
    }

    /// <summary>
    /// The message's other items: those the server sent before the body are there at once (UID usually is); those
    /// sent after it are set on this same object before <see cref="Content"/> reports its end (a read returns 0), and
    /// so also before the next <c>MoveNextAsync</c> of the enumeration completes. Read them after the body.
    /// </summary>
    /// <remarks>
    /// When one response carries several bodies, the items between two of them are set before the first one's end,
    /// and the items after the last one before the last one's end.
    /// </remarks>
    public FetchedMessage Message { get; }

    /// <summary>The message sequence number.</summary>
    public uint SequenceNumber => Message.SequenceNumber;

    /// <summary>The item name: <c>BODY</c>, <c>BINARY</c> or <c>RFC822</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The section between the brackets in normal form, as <see cref="FetchedBodySection.Section"/> (empty for the
    /// whole message). Compare it with a requested section through <see cref="Matches"/>.
    /// </summary>
    public string Section { get; }

    /// <summary>Whether this is the section requested as <paramref name="section"/>, as <see cref="FetchedBodySection.Matches"/> decides.</summary>
    /// <param name="section">The section as given to <see cref="FetchRequest.AddBodySection"/>.</param>
    /// <returns>True when they name the same section.</returns>
    public bool Matches(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return SectionNormalForm.Equivalent(Section, section);
    }

    /// <summary>The first octet of a partial fetch, or null.</summary>
    public long? Origin { get; }

    /// <summary>The number of bytes the server announced.</summary>
    public long Length { get; }

    /// <summary>The bytes, read straight from the connection. Disposing it early skips the rest safely.</summary>
    public Stream Content { get; }

    /// <summary>Disposes <see cref="Content"/>, skipping whatever was not read.</summary>
    /// <returns>A task that completes when the stream is disposed.</returns>
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
