using System.Buffers;

namespace ImapClient.Protocol;

/// <summary>
/// Reads one <c>* n FETCH (…)</c> response item by item across the connection's reads, for the reader loop while a
/// streaming FETCH is in flight. It keeps its place between reads (the message so far and where its list stands), so
/// the data before a body literal is walked once, the literal itself can be handed to a consumer instead of being
/// buffered, and the items after it go on into the same <see cref="FetchedMessage"/>. Buffered responses never come
/// here: the scanner frames them whole and <see cref="ResponseParser"/> parses them in one go.
/// </summary>
/// <remarks>
/// Offsets are counted from the start of the connection's unconsumed buffer, which the loop moves only past a
/// streamed literal or a complete response; both call for <see cref="OnBufferMoved"/> or <see cref="Finish"/>.
/// </remarks>
internal sealed class FetchResponseReader(ImapLimits limits)
{
    private FetchItemWalk _walk;
    private bool _closed;

    /// <summary>True between the start of a FETCH response and <see cref="Finish"/>.</summary>
    public bool InResponse => _walk.Message is not null;

    /// <summary>The message being read.</summary>
    public FetchedMessage Message => _walk.Message;

    /// <summary>The body section <see cref="TryReachBodyLiteral"/> stopped at.</summary>
    public BodyLiteralItem Literal { get; private set; }

    /// <summary>Bytes at the start of the buffer already read into the message (an item boundary).</summary>
    public long Walked { get; private set; }

    /// <summary>
    /// Reads the data up to a literal's announcement (the first <paramref name="length"/> bytes of
    /// <paramref name="buffer"/> end in <c>{n}</c> CRLF). True when that literal is the value of a body section of a
    /// FETCH response: the items before it are in <see cref="Message"/> and the section is in <see cref="Literal"/>;
    /// the caller then either streams it (<see cref="PassStreamedLiteral"/>) or lets it be buffered with the rest of
    /// the response. False for any other literal: the response is buffered and its rest read by <see cref="Finish"/>.
    /// </summary>
    public bool TryReachBodyLiteral(in ReadOnlySequence<byte> buffer, long length, RawValueArena? arena)
    {
        var reader = new ImapReader(buffer.Slice(Walked, length - Walked), limits);
        if (!InResponse && !TryBegin(ref reader))
        {
            return false;
        }

        if (_closed)
        {
            return false;
        }

        var step = FetchParser.ReadItemsToLiteral(ref reader, ref _walk, arena, out var literal);
        Walked += reader.Consumed;
        _closed = step == FetchStep.Closed;
        Literal = literal;
        return step == FetchStep.BodyLiteral;
    }

    /// <summary>
    /// The literal <see cref="TryReachBodyLiteral"/> stopped at goes to a consumer: the walk resumes after it, and the
    /// caller moves the buffer past it (then <see cref="OnBufferMoved"/>).
    /// </summary>
    public void PassStreamedLiteral() => FetchParser.PassStreamedItem(ref _walk, limits);

    /// <summary>The loop dropped the bytes already walked from the front of its buffer.</summary>
    public void OnBufferMoved() => Walked = 0;

    /// <summary>
    /// Reads the rest of the response (complete in the first <paramref name="length"/> bytes of <paramref name="buffer"/>)
    /// into the message and returns it; the reader is then ready for the next response, also when this one is malformed.
    /// </summary>
    /// <exception cref="ImapProtocolException">The rest of the response breaks the grammar.</exception>
    public FetchedMessage Finish(in ReadOnlySequence<byte> buffer, long length, RawValueArena? arena)
    {
        try
        {
            var reader = new ImapReader(buffer.Slice(Walked, length - Walked), limits);
            if (!_closed)
            {
                FetchParser.ReadItems(ref reader, ref _walk, arena);
            }

            reader.ExpectLineEnd();
            return _walk.Message;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Forgets the response in progress (finished, or the connection failed).</summary>
    public void Reset()
    {
        _walk = default;
        _closed = false;
        Walked = 0;
        Literal = default;
    }

    /// <summary><c>* n FETCH (</c>: false (nothing kept) for any other response.</summary>
    private bool TryBegin(ref ImapReader reader)
    {
        if (!reader.TryConsume((byte)'*') || !reader.TryConsume((byte)' ') || !reader.NextIsDigit)
        {
            return false;
        }

        try
        {
            var number = reader.ReadNumber();
            reader.ExpectSpace();
            if (!reader.TryReadKeyword("FETCH"u8))
            {
                return false;
            }

            if (number == 0)
            {
                reader.Tolerate(ImapQuirks.InvalidNumbers, "message sequence number 0");
            }

            if (reader.SkipSpaces() == 0)
            {
                reader.Tolerate(ImapQuirks.SloppyFetch, "no space before the FETCH data");
            }

            reader.Expect((byte)'(');
            _walk = new FetchItemWalk(new FetchedMessage(number, limits.FetchedValues));
            return true;
        }
        catch (ImapProtocolException)
        {
            // Left to the whole-response parse, which reports it with the rest of the response in hand.
            return false;
        }
    }
}
