namespace ImapClient;

/// <summary>
/// One body section of a streaming FETCH, handed over as it arrives. Read <see cref="Content"/> (or dispose it to
/// skip the rest) before moving to the next message: the connection reads nothing else until then.
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
    /// sent after it are added by the time the next <c>MoveNextAsync</c> of the enumeration completes.
    /// </summary>
    public FetchedMessage Message { get; }

    /// <summary>The message sequence number.</summary>
    public uint SequenceNumber => Message.SequenceNumber;

    /// <summary>The item name: <c>BODY</c>, <c>BINARY</c> or <c>RFC822</c>.</summary>
    public string Name { get; }

    /// <summary>The section between the brackets (empty for the whole message).</summary>
    public string Section { get; }

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
