using System.Buffers;
using System.IO.Pipelines;
using ImapClient.Diagnostics;
using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>
/// Body literals handed to their consumer while they arrive. The reader loop copies each piece of the literal into a
/// small pipe the consumer reads as a stream; when that pipe is full the loop waits, so the server's pace follows the
/// consumer's (TCP backpressure) and no message size has to fit in memory.
/// </summary>
/// <remarks>Owns the spool budgets, the body pipe and literal being streamed, the held-back body, the stream owner and the count of streaming commands.</remarks>
internal sealed partial class ImapSession
{
    /// <summary>How much of a body may wait for its consumer before the reader stops reading the socket.</summary>
    private const long BodyBufferPause = 256 * 1024;

    /// <summary>How much of the bodies set aside for other commands' sake may be kept in memory, all together.</summary>
    private const long SpoolMemoryLimit = 1024 * 1024;

    /// <summary>
    /// How much of the bodies after the one the caller reads may be read ahead into memory, all together: while the
    /// caller parses one body, the reader loop takes in the next ones whole (each at most this size), so transfer and
    /// parse overlap instead of taking turns. Past it the loop waits for the caller, as for a larger body.
    /// </summary>
    private const long ReadAheadLimit = 1024 * 1024;

    private readonly SpoolBudget _spoolBudget = new(SpoolMemoryLimit);
    private readonly SpoolBudget _readAhead = new(ReadAheadLimit);
    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _heldBack;

    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamingCommands;
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "The body's consumer owns and disposes it; this only remembers it to wait for it.")]
    private BodyReadStream? _previousBody;
    private Pipe? _bodyPipe;
    private StreamedLiteral? _literal;
    private PipeWriter? _heldBody;
    private BodySpool? _heldSpool;
    private (IBodyStreamer Owner, FetchedBody Body)? _heldWhole;
    private IBodyStreamer? _streamOwner;
    private bool _modSeqApplied;

    /// <summary>True while a streaming FETCH is in flight: only then does the scanner stop at literals.</summary>
    private bool StreamingWanted => Volatile.Read(ref _streamingCommands) > 0;

    /// <summary>Sends a command without awaiting its completion (streaming commands deliver as they go).</summary>
    public Task SendCommandAsync(ImapCommand command, CancellationToken cancellationToken)
    {
        if (TryCompleteUnsent(command))
        {
            return Task.CompletedTask;
        }

        // The watchdog times it out like any command when the server goes silent, the caller's reading time excepted.
        var started = _time.GetTimestamp();
        SetDeadline(command, started);
        return SendAsync(command, started, cancellationToken);
    }

    /// <summary>Bodies set aside so other commands' answers could be read (tests look at it).</summary>
    public SpoolBudget Spooling => _spoolBudget;

    /// <summary>Bodies read ahead into memory while the caller read an earlier one (tests look at it).</summary>
    public SpoolBudget ReadingAhead => _readAhead;

    /// <summary>
    /// Keeps the count of streaming commands in flight; called under the in-flight lock. Another command joining
    /// while one streams wakes a reader loop that waits for the streaming consumer: its answer is behind the body.
    /// </summary>
    private void TrackStreaming(ImapCommand command, int delta)
    {
        System.Diagnostics.Debug.Assert(_inflightLock.IsHeldByCurrentThread, "TrackStreaming runs under the in-flight lock.");
        if ((command.Traits & CommandTraits.StreamsBodies) != 0)
        {
            _streamingCommands += delta;
        }
        else if (delta > 0)
        {
            NudgeStreamingReader();
        }
    }

    /// <summary>
    /// A command is held back until the commands it may not run beside complete (a STORE of a message the streaming
    /// FETCH covers waits for that FETCH): that completion is behind the body too.
    /// </summary>
    private void NoteHeldBack(int delta)
    {
        if (Interlocked.Add(ref _heldBack, delta) > 0 && delta > 0)
        {
            NudgeStreamingReader();
        }
    }

    private void NudgeStreamingReader()
    {
        if (Volatile.Read(ref _streamingCommands) > 0)
        {
            Volatile.Read(ref _nudge).TrySetResult();
            Volatile.Read(ref _literal)?.Writer?.CancelPendingFlush();
        }
    }

    /// <summary>
    /// Whether a command other than the streaming ones is in flight or held back. Its answer (or the completion it
    /// waits for) comes after the body the reader loop is at, so the loop must not wait for the streaming consumer,
    /// who may be awaiting that very command: the rest of the body is set aside instead (<see cref="BodySpool"/>), in
    /// memory up to a bound and then in a temporary file.
    /// </summary>
    private bool CommandsBehindTheBody()
    {
        if (Volatile.Read(ref _heldBack) > 0)
        {
            return true;
        }

        lock (_inflightLock)
        {
            return _inflight.Count > _streamingCommands;
        }
    }

    private BodySpool NewSpool()
    {
        _spoolBudget.Spools++;
        return new BodySpool(_spoolBudget);
    }

    /// <summary>
    /// At a literal's announcement while a streaming FETCH is in flight: the FETCH reader walks the response up to it,
    /// and when it is the value of a body section a streaming command wants, the literal is handed to that command's
    /// consumer. False when it is not (another literal, or a FETCH nobody streams): the scanner then goes on and the
    /// literal is buffered with the rest of the response, which the FETCH reader finishes where it stopped.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The body and its stream go to the streaming command's consumer, who disposes them.")]
    private async ValueTask<bool> TryStreamBodyAsync(ReadOnlySequence<byte> buffer, long length, long literalLength)
    {
        if (!_fetch.TryReachBodyLiteral(buffer, length, _arena))
        {
            return false;
        }

        var message = _fetch.Message;
        var owner = _streamOwner ?? FindStreamOwner(message);
        if (owner is null)
        {
            return false;
        }

        // A body before this one in the same response ends here: its consumer must be able to finish it.
        ReleaseHeldBody(null);

        // One body in the pipe at a time: the next starts there only when the caller has finished with the last (or
        // the connection failed). This is what bounds memory over a FETCH of a whole mailbox, not only within one
        // message. Meanwhile small bodies are read ahead whole into memory, within ReadAheadLimit for all of them. When
        // another command waits for its answer, which is behind this body, the body is set aside instead.
        BodySpool? setAside = null;

        // Small enough to take whole: the caller is woken once, when it is all here (see PublishWholeBody).
        var whole = literalLength <= owner.WholeBodyLimit && _readAhead.TryTake(literalLength)
            ? new WholeBodyStream((int)literalLength, _readAhead)
            : null;
        while (whole is null && _previousBody is { } previous && !previous.Finished.IsCompleted)
        {
            var nudged = Volatile.Read(ref _nudge).Task;
            if (CommandsBehindTheBody())
            {
                setAside = NewSpool();
                break;
            }

            if (literalLength <= ReadAheadLimit && _readAhead.TryTake(literalLength))
            {
                _readAhead.Spools++;
                setAside = new BodySpool(_readAhead, prepaid: literalLength);
                break;
            }

            _waitingForReader = true;
            try
            {
                await Task.WhenAny(previous.Finished, _faulted.Task, nudged).ConfigureAwait(false);
            }
            finally
            {
                ReaderCaughtUp();
            }

            if (_fault is not null)
            {
                return false;
            }

            if (nudged.IsCompleted)
            {
                Volatile.Write(ref _nudge, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        _fetch.PassStreamedLiteral();
        _streamOwner = owner;

        // The items before the body reach the mailbox state before the body is handed over (a MODSEQ beside a
        // streamed body moves HIGHESTMODSEQ as it does beside a buffered one); those after it at the response's end.
        ApplyStreamedItems(message);
        LogReceived(buffer.Slice(0, length));
        OnBytesReceived(length);
        Stream content;
        if (whole is not null)
        {
            content = whole;
            _literal = new StreamedLiteral(null, literalLength) { WholeBody = whole };
        }
        else if (setAside is not null)
        {
            content = setAside;
            _literal = new StreamedLiteral(null, literalLength) { Spool = setAside };
        }
        else
        {
            var pipe = NextBodyPipe();
            var body = new BodyReadStream(pipe.Reader);
            _previousBody = body;
            content = body;
            _literal = new StreamedLiteral(pipe.Writer, literalLength);
        }

        var literal = _fetch.Literal;
        var fetched = new FetchedBody(message, literal.Name, literal.Section, literal.Origin, literalLength, content);
        if (whole is not null)
        {
            _literal.Whole = (owner, fetched);
        }
        else
        {
            owner.Publish(fetched);
        }

        if (literalLength == 0)
        {
            HoldBody(_literal);
        }

        return true;
    }

    private IBodyStreamer? FindStreamOwner(FetchedMessage itemsSoFar)
    {
        lock (_inflightLock)
        {
            foreach (var command in _inflight)
            {
                if (command.BodyStreamer is { } streaming && streaming.Wants(itemsSoFar))
                {
                    return streaming;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The rest of a FETCH response the FETCH reader was walking (after a streamed body, or buffered after a literal
    /// it could not stream) arrived whole: its items go into the same message, the message reaches the mailbox state
    /// and its command, and only then does a streamed body of it report its end, so a consumer that read the body to
    /// its end sees every item of the response.
    /// </summary>
    private void FinishFetchResponse(ReadOnlySequence<byte> buffer, long length)
    {
        var rest = buffer.Slice(0, length);
        OnBytesReceived(length);
        LogReceived(rest);
        var owner = _streamOwner;
        _streamOwner = null;
        var number = _fetch.Message.SequenceNumber;
        FetchedMessage message;
        try
        {
            message = _fetch.Finish(buffer, length, _arena);
        }
        catch (ImapProtocolException ex)
        {
            _modSeqApplied = false;
            ReleaseHeldBody(null);
            ImapLog.UnparsableResponse(Logger, "FETCH", ex.Message);
            DispatchUntagged(new ImapUnparsableResponse(null, number, "FETCH", ex));
            return;
        }

        if (owner is null)
        {
            DispatchFetch(message);
        }
        else
        {
            ApplyStreamedItems(message);
            PublishWholeBody();
            owner.FinishMessage(message);
        }

        _modSeqApplied = false;
        ReleaseHeldBody(null);
    }

    /// <summary>
    /// The mailbox state takes a streamed message's items once each: those before the body when it is handed over,
    /// the rest at the response's end (only MODSEQ concerns it today).
    /// </summary>
    private void ApplyStreamedItems(FetchedMessage message)
    {
        if (!_modSeqApplied && message.ModSeq is not null)
        {
            _modSeqApplied = true;
            _mailbox?.ApplyFetch(message);
        }
    }

    /// <summary>
    /// A streamed literal was written whole: its stream reports its end only once the response's items after it are in
    /// the message (<see cref="FinishFetchResponse"/>), or the next body of the same response starts.
    /// </summary>
    private void HoldBody(StreamedLiteral literal)
    {
        _heldBody = literal.Writer;
        _heldSpool = literal.Spool;
        _heldWhole = literal.Whole;
        _literal = null;
    }

    /// <summary>
    /// A body taken whole (<see cref="IBodyStreamer.WholeBodyLimit"/>) is all here and the items around it are
    /// in its message: it ends and goes to its command now, before the sections that follow it.
    /// </summary>
    private void PublishWholeBody()
    {
        if (_heldWhole is (var owner, var body))
        {
            _heldWhole = null;
            owner.Publish(body);
        }
    }

    /// <summary>Ends the stream of a body whose literal was written whole; with an error when the connection failed.</summary>
    private void ReleaseHeldBody(Exception? failure)
    {
        if (failure is null)
        {
            PublishWholeBody();
        }
        else
        {
            // Never handed over: nobody will read it, and what it holds goes back to the read-ahead budget.
            DropWholeBody(ref _heldWhole);
        }

        if (Interlocked.Exchange(ref _heldBody, null) is { } writer)
        {
            writer.Complete(failure);
        }

        Interlocked.Exchange(ref _heldSpool, null)?.Complete(failure);
    }

    private static void DropWholeBody(ref (IBodyStreamer Owner, FetchedBody Body)? whole)
    {
        if (whole is (_, var body))
        {
            whole = null;
            body.Content.Dispose();
        }
    }

    /// <summary>
    /// The pipe for the next body. One pipe serves them all: the last body's literal was written to its end and its
    /// reader let go (read to the end or disposed) before the next starts, which is what a reset needs, and reusing
    /// it keeps the pipe's segments instead of allocating new ones for every message.
    /// </summary>
    private Pipe NextBodyPipe()
    {
        if (_bodyPipe is { } pipe)
        {
            pipe.Reset();
            return pipe;
        }

        return _bodyPipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: BodyBufferPause, resumeWriterThreshold: BodyBufferPause / 2, useSynchronizationContext: false));
    }

    /// <summary>Moves literal bytes from the connection to the consumer, waiting while the consumer is behind.</summary>
    private async ValueTask<ReadOnlySequence<byte>> PumpLiteralAsync(ReadOnlySequence<byte> buffer)
    {
        var literal = _literal!;
        var chunk = buffer.Slice(0, Math.Min(buffer.Length, literal.Remaining));
        if (literal.Skipping)
        {
        }
        else if (literal.WholeBody is { } whole)
        {
            whole.Append(chunk);
        }
        else if (literal.Spool is { } spool)
        {
            // Set aside: the file's pace, not the caller's. A disposed stream wants no more.
            literal.Skipping = !await spool.WriteAsync(chunk).ConfigureAwait(false);
        }
        else
        {
            // All of what arrived goes in before one flush: each flush may wake the consumer, a thread hop apiece.
            var writer = literal.Writer!;
            foreach (var segment in chunk)
            {
                writer.Write(segment.Span);
            }

            var flushing = writer.FlushAsync();
            FlushResult flush;
            if (flushing.IsCompleted)
            {
                flush = flushing.Result;
            }
            else
            {
                if (CommandsBehindTheBody())
                {
                    // What was written is the consumer's already; only the wait is given up.
                    writer.CancelPendingFlush();
                }

                _waitingForReader = true;
                try
                {
                    flush = await flushing.ConfigureAwait(false);
                }
                finally
                {
                    ReaderCaughtUp();
                }
            }

            if (flush.IsCanceled)
            {
                if (_fault is not null)
                {
                    // Fault cancelled the wait (the connection is closing): the loop ends, the consumer gets the fault.
                    return buffer;
                }

                // Another command joined: the rest of this body goes aside, after what the pipe holds.
                if (CommandsBehindTheBody())
                {
                    var rest = NewSpool();
                    _previousBody!.ContinueIn(rest);
                    literal.Spool = rest;
                    literal.Writer = null;
                    await writer.CompleteAsync().ConfigureAwait(false);
                }
            }
            else
            {
                // The consumer disposed its stream: the rest is read and dropped, keeping the connection in step.
                literal.Skipping = flush.IsCompleted;
            }
        }

        literal.Remaining -= chunk.Length;
        if (literal.Remaining == 0)
        {
            HoldBody(literal);
        }

        return buffer.Slice(chunk.Length);
    }

    /// <summary>
    /// True while the reader loop waits for the caller to read a body: the server's data waits in the socket, so its
    /// silence is ours, and the streaming command is not timed out for it.
    /// </summary>
    private volatile bool _waitingForReader;

    /// <summary>True while the reader loop waits for the caller to read a body (tests move a fake clock only then).</summary>
    public bool WaitingForReader => _waitingForReader;

    /// <summary>The caller read on: the server's silence is measured again from now.</summary>
    private void ReaderCaughtUp()
    {
        NoteReceived();
        _waitingForReader = false;
    }

    /// <summary>
    /// The watchdog timed out a streaming command: a body in the middle of arriving will not be completed by a silent
    /// server, so its reader gets the timeout instead of waiting for it.
    /// </summary>
    private void InterruptStreamedBody(TimeoutException timeout)
    {
        var literal = Volatile.Read(ref _literal);
        if ((literal?.Writer is not null || Volatile.Read(ref _heldBody) is not null) && Volatile.Read(ref _previousBody) is { } body)
        {
            body.Interrupt(timeout);
        }

        // A body set aside gives what it has, then the timeout.
        literal?.Spool?.Complete(timeout);
        Volatile.Read(ref _heldSpool)?.Complete(timeout);
    }

    /// <summary>Called by Fault from any thread: a reader loop waiting on a slow consumer must wake up and end.</summary>
    private void CancelStreaming()
    {
        _faulted.TrySetResult();
        Volatile.Read(ref _literal)?.Writer?.CancelPendingFlush();
    }

    /// <summary>The reader loop ended (fault or close) in the middle of a literal: its consumer must not wait forever.</summary>
    private void FailStreamedLiteral()
    {
        var failure = _fault ?? new ImapConnectionException("The connection ended in the middle of a message.");
        if (Interlocked.Exchange(ref _literal, null) is { } literal)
        {
            literal.Writer?.Complete(failure);
            literal.Spool?.Complete(failure);
            var whole = literal.Whole;
            DropWholeBody(ref whole);
        }

        // Its bytes all arrived, but not the end of its response: the items after it never will.
        ReleaseHeldBody(failure);
        _fetch.Reset();
        _streamOwner = null;
    }

    /// <summary>A body literal on its way: into the shared body pipe (<see cref="Writer"/>) or set aside (<see cref="Spool"/>).</summary>
    private sealed class StreamedLiteral(PipeWriter? writer, long length)
    {
        public PipeWriter? Writer { get; set; } = writer;

        public BodySpool? Spool { get; set; }

        public long Remaining { get; set; } = length;

        public bool Skipping { get; set; }

        /// <summary>A body taken whole into one buffer, not a pipe.</summary>
        public WholeBodyStream? WholeBody { get; init; }

        /// <summary>A body taken whole: handed to its command only once all of it is here.</summary>
        public (IBodyStreamer Owner, FetchedBody Body)? Whole { get; set; }
    }
}
