using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using ImapClient.Commands;
using ImapClient.Protocol;
using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>
/// Body literals handed to their consumer while they arrive. The reader loop copies each piece of the literal into a
/// small pipe the consumer reads as a stream; when that pipe is full the loop waits, so the server's pace follows the
/// consumer's (TCP backpressure) and no message size has to fit in memory.
/// </summary>
internal sealed partial class ImapSession
{
    /// <summary>How much of a body may wait for its consumer before the reader stops reading the socket.</summary>
    private const long BodyBufferPause = 256 * 1024;

    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streamingCommands;
    private BodyReadStream? _previousBody;
    private Pipe? _bodyPipe;
    private StreamedLiteral? _literal;
    private byte[]? _pendingPrefix;

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

    /// <summary>Keeps the count of streaming commands in flight; called under the in-flight lock.</summary>
    private void TrackStreaming(ImapCommand command, int delta)
    {
        if (command is StreamingFetchCommand)
        {
            _streamingCommands += delta;
        }
    }

    private async ValueTask<bool> TryStartStreamingAsync(ReadOnlySequence<byte> prefix, long length)
    {
        var full = WithPendingPrefix(prefix, consume: false);
        if (!FetchParser.TryParseBodyPrefix(full, _limits, out var message, out var name, out var section, out var origin))
        {
            return false;
        }

        StreamingFetchCommand? owner = null;
        lock (_inflightLock)
        {
            foreach (var command in _inflight)
            {
                if (command is StreamingFetchCommand streaming && streaming.Wants(message))
                {
                    owner = streaming;
                    break;
                }
            }
        }

        if (owner is null)
        {
            return false;
        }

        // One body at a time: the next starts only when the caller has finished with the last (or the connection
        // failed). This is what bounds memory over a FETCH of a whole mailbox, not only within one message.
        if (_previousBody is { } previous && !previous.Finished.IsCompleted)
        {
            _waitingForReader = true;
            try
            {
                await Task.WhenAny(previous.Finished, _faulted.Task).ConfigureAwait(false);
            }
            finally
            {
                ReaderCaughtUp();
            }

            if (_fault is not null)
            {
                return false;
            }
        }

        // The items before the body were parsed here, not by DispatchFetch: they reach the mailbox state the same way
        // (a MODSEQ beside a streamed body moves HIGHESTMODSEQ as it does beside a buffered one).
        _mailbox?.ApplyFetch(message);

        LogReceived(full);
        var pipe = NextBodyPipe();
        var content = new BodyReadStream(pipe.Reader);
        _previousBody = content;
        owner.Publish(new FetchedBody(message, name, section, origin, length, content));
        _literal = new StreamedLiteral(pipe.Writer, length);

        // What follows the literal is the rest of the same FETCH response; it is parsed with this in front of it.
        _pendingPrefix = Encoding.ASCII.GetBytes($"* {message.SequenceNumber} FETCH (");
        if (length == 0)
        {
            pipe.Writer.Complete();
            _literal = null;
        }

        return true;
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
        if (!literal.Skipping)
        {
            // All of what arrived goes in before one flush: each flush may wake the consumer, a thread hop apiece.
            foreach (var segment in chunk)
            {
                literal.Writer.Write(segment.Span);
            }

            var flushing = literal.Writer.FlushAsync();
            FlushResult flush;
            if (flushing.IsCompleted)
            {
                flush = flushing.Result;
            }
            else
            {
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
                // Fault cancelled the wait (the connection is closing): the loop ends, the consumer gets the fault.
                return buffer;
            }

            // The consumer disposed its stream: the rest is read and dropped, keeping the connection in step.
            literal.Skipping = flush.IsCompleted;
        }

        literal.Remaining -= chunk.Length;
        if (literal.Remaining == 0)
        {
            await literal.Writer.CompleteAsync().ConfigureAwait(false);
            _literal = null;
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
        if (Volatile.Read(ref _literal) is not null && Volatile.Read(ref _previousBody) is { } body)
        {
            body.Interrupt(timeout);
        }
    }

    /// <summary>Called by Fault from any thread: a reader loop waiting on a slow consumer must wake up and end.</summary>
    private void CancelStreaming()
    {
        _faulted.TrySetResult();
        Volatile.Read(ref _literal)?.Writer.CancelPendingFlush();
    }

    /// <summary>The reader loop ended (fault or close) in the middle of a literal: its consumer must not wait forever.</summary>
    private void FailStreamedLiteral()
    {
        if (Interlocked.Exchange(ref _literal, null) is { } literal)
        {
            literal.Writer.Complete(_fault ?? new ImapConnectionException("The connection ended in the middle of a message."));
        }
    }

    private ReadOnlySequence<byte> WithPendingPrefix(ReadOnlySequence<byte> response, bool consume = true)
    {
        if (_pendingPrefix is not { } prefix || !IsRestOfStreamedResponse(response))
        {
            return response;
        }

        if (consume)
        {
            _pendingPrefix = null;
        }

        var joined = new byte[prefix.Length + response.Length];
        prefix.CopyTo(joined, 0);
        response.CopyTo(joined.AsSpan(prefix.Length));
        return new ReadOnlySequence<byte>(joined);
    }

    /// <summary>The rest after a streamed literal starts with a space or ')', never with a tag, '*' or '+'.</summary>
    private static bool IsRestOfStreamedResponse(ReadOnlySequence<byte> response) =>
        !response.IsEmpty && response.FirstSpan[0] is (byte)' ' or (byte)')';

    private sealed class StreamedLiteral(PipeWriter writer, long length)
    {
        public PipeWriter Writer { get; } = writer;

        public long Remaining { get; set; } = length;

        public bool Skipping { get; set; }
    }
}
