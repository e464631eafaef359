using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Win32.SafeHandles;

namespace ImapClient.Transport;

/// <summary>
/// The rest of a streamed body, set aside so the reader loop can go on reading the connection while the caller is
/// still behind: another command's answer waits behind the body on the wire. The reader loop appends, the caller
/// reads, each in order. Bytes stay in memory while the session's <see cref="SpoolBudget"/> allows, then go to a
/// temporary file (deleted when closed); once a file is in use every later byte goes there too, so the order holds.
/// A body read ahead (<paramref name="prepaid"/>: its whole length taken from the budget up front) stays in memory.
/// </summary>
internal sealed class BodySpool(SpoolBudget budget, long prepaid = 0) : Stream
{
    private const int ChunkSize = 64 * 1024;
    private long _prepaid = prepaid;
    private ReadTaskCache _readTasks;

    private readonly Lock _gate = new();
    [SuppressMessage("Reliability", "CA2213", Justification = "No wait handle is ever asked for, so nothing to free; Dispose signals it to wake a waiting reader, which must not then meet ObjectDisposedException.")]
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Queue<(byte[] Array, int End)> _memory = new();
    private int _headStart;
    private SafeFileHandle? _file;
    private long _fileWritten;
    private long _fileRead;
    private bool _writing;
    private bool _completed;
    private Exception? _failure;
    private bool _disposed;

    /// <summary>
    /// Appends <paramref name="data"/> (reader loop only). False once the caller disposed the stream: the rest of the
    /// body is not wanted.
    /// </summary>
    public async ValueTask<bool> WriteAsync(ReadOnlySequence<byte> data)
    {
        long fileOffset;
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            if (_file is null && (TakePrepaid(data.Length) || budget.TryTake(data.Length)))
            {
                CopyToMemory(data);
                Signal();
                return true;
            }

            _file ??= OpenFile();
            _writing = true;
            fileOffset = _fileWritten;
        }

        try
        {
            foreach (var segment in data)
            {
                await RandomAccess.WriteAsync(_file, segment, fileOffset).ConfigureAwait(false);
                fileOffset += segment.Length;
                budget.OnFileWritten(segment.Length);
            }
        }
        finally
        {
            lock (_gate)
            {
                _writing = false;
                Interlocked.Exchange(ref _fileWritten, fileOffset);
                if (_disposed)
                {
                    CloseFile();
                }
            }

            Signal();
        }

        return true;
    }

    /// <summary>Bytes of a body read ahead were taken from the budget when it started: no second take.</summary>
    private bool TakePrepaid(long length)
    {
        if (_prepaid < length)
        {
            return false;
        }

        _prepaid -= length;
        return true;
    }

    /// <summary>
    /// The body ended (or, with <paramref name="failure"/>, will never end): the caller reads to here. The first call
    /// counts (a timeout from the watchdog is not undone by the reader loop's end).
    /// </summary>
    public void Complete(Exception? failure)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _failure = failure;
        }

        Signal();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var next = Next(buffer.Span, out var fileOffset, out var count);
            if (next >= 0)
            {
                return next;
            }

            if (count > 0)
            {
                return EndFileRead(await RandomAccess.ReadAsync(_file!, buffer[..count], fileOffset, cancellationToken).ConfigureAwait(false));
            }

            await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var next = Next(buffer, out var fileOffset, out var count);
            if (next >= 0)
            {
                return next;
            }

            if (count > 0)
            {
                return EndFileRead(RandomAccess.Read(_file!, buffer[..count], fileOffset));
            }

            _changed.Wait();
        }
    }

    /// <summary>
    /// Serves a read from memory (returns the count), reports the end (0) or the failure, or says where in the file to
    /// read (returns -1 with <paramref name="count"/> &gt; 0) or that nothing is there yet (-1, 0).
    /// </summary>
    private int Next(Span<byte> buffer, out long fileOffset, out int count)
    {
        fileOffset = 0;
        count = 0;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (_memory.Count > 0)
            {
                var (array, end) = _memory.Peek();
                var n = Math.Min(buffer.Length, end - _headStart);
                array.AsSpan(_headStart, n).CopyTo(buffer);
                _headStart += n;
                if (_headStart == end)
                {
                    _memory.Dequeue();
                    _headStart = 0;
                    ArrayPool<byte>.Shared.Return(array);
                }

                budget.Give(n);
                return n;
            }

            if (_fileRead < _fileWritten)
            {
                fileOffset = _fileRead;
                count = (int)Math.Min(buffer.Length, _fileWritten - _fileRead);
                return -1;
            }

            if (_completed)
            {
                // What a pipe reader would throw: the failure itself (the connection's fault, or the timeout).
                if (_failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
                }

                return 0;
            }

            return -1;
        }
    }

    private int EndFileRead(int n)
    {
        lock (_gate)
        {
            _fileRead += n;
        }

        return n;
    }

    private void CopyToMemory(ReadOnlySequence<byte> data)
    {
        while (!data.IsEmpty)
        {
            var array = ArrayPool<byte>.Shared.Rent((int)Math.Min(data.Length, ChunkSize));
            var n = (int)Math.Min(data.Length, array.Length);
            data.Slice(0, n).CopyTo(array);
            _memory.Enqueue((array, n));
            data = data.Slice(n);
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }

    private static SafeFileHandle OpenFile() =>
        File.OpenHandle(Path.Combine(Path.GetTempPath(), "imapclient-body-" + Guid.NewGuid().ToString("N") + ".tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private void CloseFile()
    {
        _file?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    // What a body read ahead reserved and never received goes back too.
                    budget.Give(_prepaid);
                    _prepaid = 0;
                    while (_memory.TryDequeue(out var chunk))
                    {
                        budget.Give(chunk.End - _headStart);
                        _headStart = 0;
                        ArrayPool<byte>.Shared.Return(chunk.Array);
                    }

                    if (!_writing)
                    {
                        CloseFile();
                    }
                }
            }

            Signal();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// MimeKit's parser reads through this overload: no new task per read that completes at once (<see cref="ReadTaskCache"/>).
    /// </summary>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<int>(cancellationToken);
        }

        return _readTasks.For(ReadAsync(buffer.AsMemory(offset, count), cancellationToken));
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// How many bytes of set-aside bodies (<see cref="BodySpool"/>) a session keeps in memory, all bodies together;
/// beyond it they go to temporary files. Counts its peak and the file bytes, for tests.
/// </summary>
internal sealed class SpoolBudget(long limit)
{
    private long _used;
    private long _peak;
    private long _fileBytes;

    /// <summary>The most held in memory at once.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Bodies (or their rest) set aside so far.</summary>
    public int Spools { get; set; }

    /// <summary>Bytes written to temporary files so far.</summary>
    public long FileBytes => Interlocked.Read(ref _fileBytes);

    public void OnFileWritten(long bytes) => Interlocked.Add(ref _fileBytes, bytes);

    public bool TryTake(long bytes)
    {
        var used = Interlocked.Add(ref _used, bytes);
        if (used > limit)
        {
            Interlocked.Add(ref _used, -bytes);
            return false;
        }

        long peak;
        while (used > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, used, peak) != peak)
        {
        }

        return true;
    }

    public void Give(long bytes) => Interlocked.Add(ref _used, -bytes);

    /// <summary>What is held in memory now.</summary>
    public long InUse => Interlocked.Read(ref _used);
}
