using System.Threading.Channels;
using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// FETCH or UID FETCH whose body-section literals are streamed to the caller instead of buffered. The reader loop
/// offers it each body literal of a message it claims; it publishes a <see cref="FetchedBody"/> per literal.
/// </summary>
internal sealed class StreamingFetchCommand(SequenceSet set, FetchRequest request, bool byUid)
    : MessageSetCommand<ImapStatusResponse>("FETCH", set, byUid), IBodyStreamer
{
    private readonly Channel<FetchedBody> _bodies = Channel.CreateUnbounded<FetchedBody>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private FetchedMessage? _current;
    private int _published;
    private bool _abandoned;

    public ChannelReader<FetchedBody> Bodies => _bodies.Reader;

    public override CommandTraits Traits => base.Traits | CommandTraits.StreamsBodies;

    public override IBodyStreamer? BodyStreamer => this;

    /// <summary>
    /// Bodies up to this size are handed over only once they are whole in memory (one wake-up of the caller, no
    /// body pipe), within the session's read-ahead budget; 0 streams every body as it arrives.
    /// </summary>
    public long WholeBodyLimit { get; init; }

    public override void Encode(CommandBuilder builder, ICommandContext context) =>
        FetchEncoding.Encode(builder, context, Name, Set, request);

    /// <summary>
    /// Whether a body literal of this message (its items so far) belongs to this command. A UID FETCH whose server
    /// put the body before the UID still owns it: only one streaming command runs at a time.
    /// </summary>
    public bool Wants(FetchedMessage itemsSoFar) => Addresses(itemsSoFar) ?? ByUid;

    /// <summary>
    /// Publishes a body the reader loop is about to stream, after any sections of the same message that came before it
    /// as quoted strings; once the caller stopped listening it is skipped.
    /// </summary>
    public void Publish(FetchedBody body)
    {
        PublishInMemorySections(body.Message);
        PublishOne(body);
    }

    /// <summary>
    /// The response of a message whose body was streamed ended: the sections that came after the body as quoted
    /// strings are handed over too. Its items went into the same <see cref="FetchedMessage"/>, so nothing is merged.
    /// </summary>
    public void FinishMessage(FetchedMessage message)
    {
        PublishInMemorySections(message);
        _current = null;
        _published = 0;
    }

    private void PublishOne(FetchedBody body)
    {
        lock (_bodies)
        {
            if (!_abandoned && _bodies.Writer.TryWrite(body))
            {
                return;
            }
        }

        // Nobody will read it: completing the reading side makes the reader loop drop the literal as it arrives.
        body.Content.Dispose();
    }

    /// <summary>The caller stopped enumerating: every body still to come, and any queued, is skipped.</summary>
    public void Abandon()
    {
        lock (_bodies)
        {
            _abandoned = true;
        }

        while (_bodies.Reader.TryRead(out var queued))
        {
            queued.Content.Dispose();
        }
    }

    public override bool TryClaimFetch(FetchedMessage message)
    {
        // Without the key (a UID FETCH answered without UID: an unsolicited flag update) it is not ours.
        if (Addresses(message) != true)
        {
            return false;
        }

        PublishInMemorySections(message);
        _current = null;
        _published = 0;
        return true;
    }

    /// <summary>
    /// Bodies the server sent as quoted strings rather than literals were parsed with the response; they are handed
    /// over like streamed ones, so the caller sees every section it asked for, in the server's order. NIL sections
    /// carry nothing and are not.
    /// </summary>
    private void PublishInMemorySections(FetchedMessage message)
    {
        if (!ReferenceEquals(message, _current))
        {
            _current = message;
            _published = 0;
        }

        var sections = message.BodySections;
        for (; _published < sections.Count; _published++)
        {
            var section = sections[_published];
            if (section.Data is { } data)
            {
#pragma warning disable CA2000 // PublishOne takes the body: its consumer disposes it, or PublishOne does when nobody will read it.
                PublishOne(new FetchedBody(message, section.Name, section.Section, section.Origin, data.Length, new ReadOnlyMemoryStream(data)));
#pragma warning restore CA2000
            }
        }
    }

    protected override void OnCompleted(ICommandContext context, ImapStatusResponse completion)
    {
        base.OnCompleted(context, completion);
        _bodies.Writer.TryComplete(completion.Status == ImapStatus.Ok ? null : new ImapCommandException(Name, completion));
    }

    protected override void SetException(Exception exception)
    {
        base.SetException(exception);
        _bodies.Writer.TryComplete(exception);
    }

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion) => completion;
}
