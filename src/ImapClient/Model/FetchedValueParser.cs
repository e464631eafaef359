using MimeKit;

namespace ImapClient;

/// <summary>
/// How a <see cref="FetchedMessage"/> turns the server's bytes it keeps into values on first read. The message holds
/// one (a connection's, shared by all its messages) and calls it; the grammar lives in Protocol/ (FetchedValues.cs),
/// which builds it with the connection's limits and tolerated quirks, so the model holds data and runs no parser.
/// </summary>
internal abstract class FetchedValueParser
{
    /// <summary>An ENVELOPE as sent; its address lists are built on their first read.</summary>
    /// <exception cref="ImapProtocolException">The bytes are no envelope.</exception>
    public abstract Envelope ParseEnvelope(ReadOnlyMemory<byte> bytes);

    /// <summary>A BODYSTRUCTURE or BODY as sent.</summary>
    /// <exception cref="ImapProtocolException">The bytes are no body structure.</exception>
    public abstract BodyPart ParseBodyStructure(ReadOnlyMemory<byte> bytes);

    /// <summary>A header section, by MimeKit, with the quirks the connection tolerates.</summary>
    /// <exception cref="ImapProtocolException">The section is not a header section (only when malformed headers are not tolerated).</exception>
    public abstract HeaderList ParseHeaders(ReadOnlyMemory<byte> section);
}
