using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using ImapClient.Protocol;
using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>The writer: one command at a time, whole, in tag order; held-back commands wait here.</summary>
/// <remarks>Owns the command builder and the tag counter; the write lock is shared (see ImapSession.cs).</remarks>
internal sealed partial class ImapSession
{
    private static readonly List<(int Offset, StreamedLiteralPart? Literal)> NoWritePoints = [];
    private readonly CommandBuilder _builder = new(literalPlus: false, literalMinus: false);
    private int _nextTag;

    /// <summary>
    /// Writes the command. With <paramref name="keepWriteLock"/>, a command that was written leaves the writer locked
    /// for the caller to release (STARTTLS: nothing may be written between its OK and the handshake).
    /// </summary>
    private async Task SendAsync(ImapCommand command, long started, CancellationToken cancellationToken, bool keepWriteLock = false)
    {
        var written = false;

        // Checked as the call is made: a call made after DisposeAsync is the caller's mistake, not a broken connection.
        if (_closing)
        {
            throw Disposed();
        }

        ThrowIfFaulted();
        Interlocked.Increment(ref _waitingWriters);
        bool entered;
        try
        {
            // An IDLE holds the writer until told to stop: one that allows it gives way to this command.
            InterruptIdle();
            entered = await EnterWriteLockAsync(Remaining(started), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingWriters);
        }

        if (!entered)
        {
            throw NotSentInTime(command, null);
        }

        try
        {
            await WaitUntilCompatibleAsync(command, started, cancellationToken).ConfigureAwait(false);
            ThrowIfFaulted();
            if (!command.IsAllowedIn(_state))
            {
                throw CallRefusal.WrongState(string.IsNullOrEmpty(command.Api) ? command.Name : command.Api, command.IsAllowedIn, _state);
            }

            if (command.ChangesMailbox && _mailbox is { IsReadOnly: true } readOnly)
            {
                throw CallRefusal.ReadOnly(string.IsNullOrEmpty(command.Api) ? command.Name : command.Api, readOnly);
            }

            if (command.HasNothingToDo)
            {
                // Allowed only now (a SELECT it waited behind opened the mailbox): an empty set is still never written.
                CompleteUnsent(command);
                return;
            }

            // Only the holder of the write lock encodes, so one builder serves every command; and only it takes tags,
            // so the tag this command will get is known before it is encoded.
            var builder = _builder;
            builder.Reset(_capabilities.LiteralPlus, _capabilities.LiteralMinus);
            builder.Utf8Quoted = Utf8MailboxNames;
            var tagNumber = _nextTag + 1;
            var tagLength = EncodeInPipe(builder, tagNumber);
            command.Encode(builder, this);
            command.Tag = NextTag();
            if (_nextTag != tagNumber)
            {
                builder.Spill();
            }

            command.TagKey = TagKey.Pack(command.Tag);
            command.OnSending(this);

            // Registered before the first byte is queued, so wire order equals table order. From here on the
            // command is written to the end whatever the caller's token says: half a command would desync the stream.
            lock (_inflightLock)
            {
                // Checked under the lock Fault clears the table with, so no command joins a table already failed.
                ThrowIfFaulted();

                // Counted and traced before it joins the table, so whatever removes it (completion, fault) balances it.
                OnCommandSent(command, command.Tag.Length + 1 + builder.Written.Length);
                _inflight.Add(command);
                TrackStreaming(command, +1);
            }

            if (command.Deadline != 0)
            {
                ArmWatchdog();
            }


            await WriteCommandAsync(command, builder, tagLength, cancellationToken).ConfigureAwait(false);
            written = true;
        }
        catch
        {
            // The caller gets this exception and never awaits the outcome, which the fault or the watchdog may still
            // fail once the command is registered: that failure must not surface as an unobserved task exception.
            command.AbandonOutcome();
            throw;
        }
        finally
        {
            _continuation = null;

            // Drop what the command referenced (a caller's stream to append) rather than keep it until the next one.
            _builder.Reset(literalPlus: false, literalMinus: false);
            if (!(keepWriteLock && written))
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>
    /// Writes the tag into the free memory of the connection's pipe and points the builder at the memory after it,
    /// so that a command encodes where it is sent from: no copy for the common command (no synchronizing literal, no
    /// streamed data), whether or not a protocol logger reads its bytes. Nothing is committed here: a command that
    /// fails to encode leaves nothing behind. Returns the tag's length with its space (0: the builder's own buffer).
    /// </summary>
    private int EncodeInPipe(CommandBuilder builder, int tagNumber)
    {
        Memory<byte> memory;
        try
        {
            memory = _transport.Output.GetMemory(256);
        }
        catch (InvalidOperationException)
        {
            return 0; // A writer completed by a close: the write itself reports it, as for any command.
        }

        var span = memory.Span;
        span[0] = (byte)'A';
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(tagNumber, span[1..], out var digits, new StandardFormat('D', 4)))
        {
            return 0;
        }

        span[1 + digits] = (byte)' ';
        var tagLength = digits + 2;
        builder.WriteInto(memory[tagLength..]);
        return tagLength;
    }

    private async Task WriteCommandAsync(ImapCommand command, CommandBuilder builder, int tagLength, CancellationToken cancellationToken)
    {
        var output = _transport.Output;
        var bytes = builder.Written;
        if (_options.ProtocolLogger is not null)
        {
            LogSent(command.Tag + " " + builder.ToRedactedString());
        }
        try
        {
            var start = 0;
            if (builder.InPlace)
            {
                // Tag and command are in the pipe's memory already (no literal to stop at): committing them is all.
                output.Advance(tagLength + bytes.Length);
                start = bytes.Length;
            }
            else
            {
                WriteAscii(output, command.Tag);
                output.Write(" "u8);
            }

            foreach (var (offset, literal) in WritePoints(builder))
            {
                output.Write(bytes.Span[start..offset]);
                start = offset;
                if (literal is not null)
                {
                    // The source is the caller's and may take its time while this holds the writer: what earlier
                    // commands left to a shared flush goes out first, or they would wait on it (or it on them).
                    await FlushIfScheduledAsync().ConfigureAwait(false);
                    await WriteStreamedLiteralAsync(command, literal).ConfigureAwait(false);
                }
                else if (await FlushAndWaitForContinuationAsync(command).ConfigureAwait(false) is null)
                {
                    return; // The server refused the command before the literal: its tagged NO/BAD completed it.
                }
            }

            if (start < bytes.Length)
            {
                output.Write(bytes.Span[start..]);
            }

            if (!command.Converses)
            {
                if (OthersInFlight())
                {
                    ScheduleFlush();
                    return;
                }

                await FlushAsync().ConfigureAwait(false);
                return;
            }

            while (await FlushAndWaitForContinuationAsync(command).ConfigureAwait(false) is { } challenge)
            {
                // A caller who gives up mid-exchange gets the exchange cancelled properly: "*" answers the next
                // challenge and the server ends the command with its tagged BAD, keeping the stream in sync.
                if (cancellationToken.IsCancellationRequested && command.CancelConversation(cancellationToken) is { } cancel)
                {
                    LogSent("*\r\n");
                    output.Write(cancel.Span);
                    continue;
                }

                var answer = await command.AnswerAsync(challenge, this).ConfigureAwait(false) ?? throw new ImapProtocolException(
                    $"The server sent an unexpected continuation during {command.Name}: + {challenge.Text}");
                if (!answer.IsEmpty)
                {
                    LogSent(!command.AnswersAreSecret ? System.Text.Encoding.ASCII.GetString(answer.Span)
                        : answer.Span.SequenceEqual("*\r\n"u8) ? "*\r\n" : "***\r\n");
                }

                output.Write(answer.Span);
            }
        }
        catch (Exception ex) when (ex is not ImapConnectionException and not TimeoutException)
        {
            // Half a command is on the wire (or the server stopped answering mid-command): the stream cannot be resynchronised.
            Fault(ex);
            throw new ImapConnectionException($"Sending {command.Name} failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Where the writer must stop in the command's bytes, in order: to wait for a continuation (literal null), or to
    /// stream a literal's data. At one offset the wait comes first: a synchronizing literal's data follows its <c>+</c>.
    /// </summary>
    private static List<(int Offset, StreamedLiteralPart? Literal)> WritePoints(CommandBuilder builder)
    {
        // Most commands have no literal at all: nothing to sort, nothing to allocate.
        if (builder.ContinuationPoints.Count == 0 && builder.StreamedLiterals.Count == 0)
        {
            return NoWritePoints;
        }

        var points = new List<(int Offset, StreamedLiteralPart? Literal)>();
        points.AddRange(builder.ContinuationPoints.Select(p => (p, (StreamedLiteralPart?)null)));
        points.AddRange(builder.StreamedLiterals.Select(l => (l.Offset, (StreamedLiteralPart?)l)));
        return [.. points.OrderBy(p => p.Offset).ThenBy(p => p.Literal is null ? 0 : 1)];
    }

    /// <summary>
    /// Copies a literal from its source straight into the connection, flushing as it goes (backpressure from the
    /// socket, not a buffer of the whole message). A source that gives more or fewer bytes than announced leaves the
    /// server reading a different command than we wrote, so it breaks the connection.
    /// </summary>
    private async Task WriteStreamedLiteralAsync(ImapCommand command, StreamedLiteralPart literal)
    {
        using var destination = new LiteralWriteStream(_transport.Output, literal.Length, _options.CommandTimeout, _time);
        LogSent($"<{literal.Length} bytes>\r\n");
        try
        {
            // Once the first byte is out the rest must follow: the server reads the announced length whatever we do.
            await literal.Write(destination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            Fault(new ImapConnectionException(ex.Message, ex));
            throw new TimeoutException($"{command.Name}: {ex.Message} ({destination.Written} of {literal.Length} bytes sent); the connection was closed.", ex);
        }
        catch (Exception ex) when (ex is not ImapConnectionException)
        {
            var failure = new ImapConnectionException(
                $"{command.Name} failed while sending its data ({destination.Written} of {literal.Length} bytes sent): {ex.Message}", ex);
            Fault(failure);
            throw failure;
        }

        if (destination.Written != literal.Length)
        {
            var failure = new ImapConnectionException(
                $"{command.Name} announced {literal.Length} bytes but its source gave {destination.Written}; the connection was closed.");
            Fault(failure);
            throw failure;
        }
    }

    /// <summary>Flushes, then waits for a <c>+</c> or for the command to complete (null: it completed instead).</summary>
    private async Task<ImapContinuationResponse?> FlushAndWaitForContinuationAsync(ImapCommand command)
    {
        var slot = new TaskCompletionSource<ImapContinuationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _continuation = slot;
        await FlushAsync().ConfigureAwait(false);
        Task first;
        try
        {
            first = await Task.WhenAny(slot.Task, command.Done).WaitAsync(_options.CommandTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            // Part of the command is on the wire and the server may still ask for the rest: whatever is written
            // next would be read as this command's literal, and what was sent cannot be taken back.
            var timeout = new TimeoutException(
                $"{command.Name} received no continuation from the server within {_options.CommandTimeout}; it was half sent, so the connection was closed.",
                ex);
            Fault(new ImapConnectionException(timeout.Message, timeout));
            throw timeout;
        }

        if (first == slot.Task)
        {
            return await slot.Task.ConfigureAwait(false);
        }

        Interlocked.CompareExchange(ref _continuation, null, slot);
        ThrowIfFaulted();
        return null;
    }

    private async ValueTask FlushAsync()
    {
        // Whatever a shared flush was scheduled for goes out with this one: the work item then has nothing to do
        // (an empty flush is not free: over COMPRESS it writes an empty deflate block).
        _flushScheduled = false;
        var flushing = _transport.Output.FlushAsync();
        FlushResult result;
        if (flushing.IsCompleted || !HasCommandTimeout)
        {
            result = await flushing.ConfigureAwait(false);
        }
        else
        {
            // A peer that stops reading fills the socket and the flush waits: bounded by the watchdog, it breaks the
            // connection (part of a command may be out) instead of holding the writer, and every caller behind it, forever.
            Interlocked.Exchange(ref _flushSince, _time.GetTimestamp());
            ArmWatchdog();
            try
            {
                result = await flushing.ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref _flushSince, 0);
            }

            if (result.IsCanceled && _flushStalled)
            {
                var timeout = new TimeoutException($"The server accepted no data for {_options.CommandTimeout}; the connection was closed.");
                Fault(new ImapConnectionException(timeout.Message, timeout));
                throw timeout;
            }
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            // Part of a command may be out: the stream cannot go on, for this command or any in flight.
            ThrowIfFaulted();
            var closed = new ImapConnectionException("The connection was closed while a command was being sent.");
            Fault(closed);
            throw closed;
        }
    }

    /// <summary>Holds a command back while a command it may not run beside is in flight (RFC 9051 section 5.5).</summary>
    private async Task WaitUntilCompatibleAsync(ImapCommand command, long started, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<Task>? blockers = null;
            lock (_inflightLock)
            {
                foreach (var other in _inflight)
                {
                    if (Conflict(other, command))
                    {
                        (blockers ??= []).Add(other.Done);
                    }
                }
            }

            if (blockers is null)
            {
                return;
            }

            // Holding the writer while held back: what earlier commands left to a shared flush goes out now, or the
            // commands this one waits for might never be answered.
            await FlushIfScheduledAsync().ConfigureAwait(false);

            NoteHeldBack(+1);
            try
            {
                await Task.WhenAll(blockers).WaitAsync(Remaining(started), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw NotSentInTime(command, ex);
            }
            finally
            {
                NoteHeldBack(-1);
            }
        }
    }

    /// <summary>The command waited its whole timeout without being written; nothing of it was sent.</summary>
    private TimeoutException NotSentInTime(ImapCommand command, Exception? cause) => new(
        $"{command.Name} could not be sent within {_options.CommandTimeout}: commands it may not run beside were still in flight. Nothing was sent.",
        cause);

    private static bool Conflict(ImapCommand inFlight, ImapCommand command) =>
        Conflict(inFlight.Traits, command.Traits) || ClaimSameMessages(inFlight, command)
        || ClaimedDataRules.Clash(inFlight.ClaimedData, command.ClaimedData);

    /// <summary>Both would claim untagged FETCH data for a message they may share: the data could not be routed.</summary>
    private static bool ClaimSameMessages(ImapCommand a, ImapCommand b) =>
        a.ClaimedMessages is { } x && b.ClaimedMessages is { } y && (x.ByUid != y.ByUid || x.Set.MayOverlap(y.Set));

    private static bool Conflict(CommandTraits a, CommandTraits b) =>
        ((a | b) & CommandTraits.Barrier) != 0
        || (a & b & CommandTraits.UncorrelatedResults) != 0

        // A body may arrive before the UID that says whose it is: two streaming fetches never run side by side.
        || (a & b & CommandTraits.StreamsBodies) != 0
        || ((a & CommandTraits.UsesSequenceNumbers) != 0 && (b & CommandTraits.MayExpunge) != 0)
        || ((a & CommandTraits.MayExpunge) != 0 && (b & CommandTraits.UsesSequenceNumbers) != 0);

    private static void WriteAscii(System.IO.Pipelines.PipeWriter output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var n = System.Text.Encoding.ASCII.GetBytes(ascii, span);
        output.Advance(n);
    }

    private string NextTag() =>
        string.Create(CultureInfo.InvariantCulture, $"A{Interlocked.Increment(ref _nextTag):D4}");
}
