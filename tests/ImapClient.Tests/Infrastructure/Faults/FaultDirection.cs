using System.Net.Sockets;
using System.Text;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// One direction of a proxied connection: reads from one socket and forwards to the other, applying its settings
/// (pieces, delay) and its rules in stream order. Reading stops while stalled, so the sender feels TCP backpressure.
/// </summary>
internal sealed class FaultDirection
{
    private const int MaxMarker = 256;
    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly ProxiedConnection _connection;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly byte[] _tail = new byte[MaxMarker];
    private int _tailLength;
    private Random _random = new(1);
    private (int Min, int Max)? _pieces;
    private TaskCompletionSource? _stall;
    private long _forwarded;

    internal FaultDirection(string name, Socket source, Socket destination, ProxiedConnection connection)
    {
        Name = name;
        _source = source;
        _destination = destination;
        _connection = connection;
    }

    /// <summary>"to client" or "to server", for messages.</summary>
    public string Name { get; }

    /// <summary>Bytes received from the sender and passed on so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Waited before each piece (or each read, when not cut into pieces) is passed on; whole milliseconds (Task.Delay).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>True while forwarding is stopped.</summary>
    public bool IsStalled => Volatile.Read(ref _stall) is not null;

    /// <summary>Passes every read on in pieces of <paramref name="min"/> to <paramref name="max"/> bytes, one write each.</summary>
    public FaultDirection Pieces(int min, int max, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        lock (_gate)
        {
            _pieces = (min, max);
            _random = new Random(seed);
        }

        return this;
    }

    /// <summary>Adds a rule; rules fire in stream order, each once.</summary>
    public FaultRule At(FaultPoint point, FaultKind kind, byte[]? bytes = null)
    {
        var rule = new FaultRule(point, kind, bytes);
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Injects <paramref name="text"/> at <paramref name="point"/>.</summary>
    public FaultRule InjectAt(FaultPoint point, string text) => At(point, FaultKind.Inject, Encoding.UTF8.GetBytes(text));

    /// <summary>Stops forwarding now (between two pieces at the latest).</summary>
    public void Stall()
    {
        lock (_gate)
        {
            _stall ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Forwards again.</summary>
    public void Resume()
    {
        TaskCompletionSource? stall;
        lock (_gate)
        {
            stall = _stall;
            _stall = null;
        }

        stall?.TrySetResult();
    }

    /// <summary>Writes bytes to the receiver now, between two pieces of forwarded data.</summary>
    public async Task InjectAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _destination.SendAsync(bytes, SocketFlags.None);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Forwards until the sender closes or the connection is torn down; never throws.</summary>
    internal async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await WhileStalledAsync();
                var n = await _source.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    // The sender closed its side: so do we, towards the receiver, keeping the other direction open.
                    _destination.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (!await ForwardWithRulesAsync(buffer.AsMemory(0, n)))
                {
                    return;
                }
            }
        }
#pragma warning disable CA1031 // A torn-down connection ends the pump whichever way the sockets complain.
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _connection.PumpEnded();
        }
    }

    /// <summary>Lets the pump out of a stall when the connection is torn down.</summary>
    internal void Release() => Resume();

    /// <summary>Forwards one read, firing the rules that fall inside it; false when a rule ended the connection.</summary>
    private async Task<bool> ForwardWithRulesAsync(ReadOnlyMemory<byte> data)
    {
        var start = Forwarded;
        LocateMarkers(data.Span, start);
        while (true)
        {
            var rule = NextRule(start + data.Length);
            if (rule is null)
            {
                await ForwardAsync(data);
                return true;
            }

            var cut = (int)Math.Clamp(rule.FireAt!.Value - Forwarded, 0, data.Length);
            await ForwardAsync(data[..cut]);
            data = data[cut..];
            rule.MarkFired();
            switch (rule.Kind)
            {
                case FaultKind.Reset:
                    _connection.Reset();
                    return false;
                case FaultKind.Close:
                    _connection.Close();
                    return false;
                case FaultKind.Stall:
                    Stall();
                    await WhileStalledAsync();
                    break;
                case FaultKind.Inject:
                    await InjectAsync(rule.Bytes!);
                    break;
            }
        }
    }

    /// <summary>
    /// Finds the markers that end in this read and fixes the offsets of the rules waiting for them. The last bytes of
    /// earlier reads are searched too, so a marker split between two reads is found; one wholly inside them was
    /// found before, since they are shorter than any marker.
    /// </summary>
    private void LocateMarkers(ReadOnlySpan<byte> data, long start)
    {
        lock (_gate)
        {
            if (!_rules.Exists(r => r.FireAt is null))
            {
                UpdateTail(data);
                return;
            }

            var window = new byte[_tailLength + data.Length];
            _tail.AsSpan(0, _tailLength).CopyTo(window);
            data.CopyTo(window.AsSpan(_tailLength));
            var windowStart = start - _tailLength;
            foreach (var rule in _rules)
            {
                if (rule.FireAt is not null || rule.Point.Marker is not { } marker)
                {
                    continue;
                }

                var from = Math.Max(0, _tailLength - (marker.Length - 1));
                while (rule.FireAt is null)
                {
                    var index = window.AsSpan(from).IndexOf(marker);
                    if (index < 0)
                    {
                        break;
                    }

                    var end = windowStart + from + index + marker.Length;
                    if (--rule.MarkersLeft == 0)
                    {
                        rule.FireAt = end + rule.Point.Offset;
                    }

                    from += index + 1;
                }
            }

            UpdateTail(data);
        }
    }

    private void UpdateTail(ReadOnlySpan<byte> data)
    {
        // Keep the last MaxMarker - 1 bytes of the stream.
        const int Keep = MaxMarker - 1;
        if (data.Length >= Keep)
        {
            data[^Keep..].CopyTo(_tail);
            _tailLength = Keep;
            return;
        }

        var kept = Math.Min(_tailLength, Keep - data.Length);
        _tail.AsSpan(_tailLength - kept, kept).CopyTo(_tail);
        data.CopyTo(_tail.AsSpan(kept));
        _tailLength = kept + data.Length;
    }

    /// <summary>The earliest rule due at or before <paramref name="end"/>, if any.</summary>
    private FaultRule? NextRule(long end)
    {
        lock (_gate)
        {
            FaultRule? next = null;
            foreach (var rule in _rules)
            {
                if (!rule.Done && rule.FireAt is { } at && at <= end && (next is null || at < next.FireAt))
                {
                    next = rule;
                }
            }

            return next;
        }
    }

    private async Task ForwardAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            await WhileStalledAsync();
            int size;
            lock (_gate)
            {
                size = _pieces is { } p ? Math.Min(data.Length, _random.Next(p.Min, p.Max + 1)) : data.Length;
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            await _writeLock.WaitAsync();
            try
            {
                var piece = data[..size];
                while (!piece.IsEmpty)
                {
                    var sent = await _destination.SendAsync(piece, SocketFlags.None);
                    piece = piece[sent..];
                }
            }
            finally
            {
                _writeLock.Release();
            }

            Interlocked.Add(ref _forwarded, size);
            data = data[size..];
        }
    }

    private async Task WhileStalledAsync()
    {
        while (Volatile.Read(ref _stall) is { } stall)
        {
            // A stall rule fires (and the test may tear the connection down) before the pump arms the stall: one
            // armed after the teardown released the stalls would never be released.
            if (_connection.IsTornDown)
            {
                throw new ObjectDisposedException(Name, "The connection was torn down during a stall.");
            }

            await stall.Task;
            if (_connection.IsTornDown)
            {
                throw new ObjectDisposedException(Name, "The connection was torn down during a stall.");
            }
        }
    }
}
