using System.Buffers;
using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// The parsers a <see cref="FetchedMessage"/> calls on the first read of a value it keeps as the server's bytes, with
/// one connection's limits and quirks. One per <see cref="ImapLimits"/> (<see cref="ImapLimits.FetchedValues"/>), so a
/// message costs no allocation for it.
/// </summary>
internal sealed class FetchedValues(ImapLimits limits) : FetchedValueParser
{
    /// <inheritdoc />
    public override Envelope ParseEnvelope(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>(bytes), limits);
        return EnvelopeParser.Parse(ref reader, 0, deferLists: true);
    }

    /// <inheritdoc />
    public override BodyPart ParseBodyStructure(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>(bytes), limits);
        return BodyStructureParser.Parse(ref reader);
    }

    /// <inheritdoc />
    public override HeaderList ParseHeaders(ReadOnlyMemory<byte> section) => HeaderSectionParser.Parse(section, limits.Quirks);
}
