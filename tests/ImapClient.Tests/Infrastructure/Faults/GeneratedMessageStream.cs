using System.Text;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// A message of any length made up on the fly (a short header, then lines of text), so a test can append tens of
/// megabytes without holding them. Seekable, so it can be measured.
/// </summary>
internal sealed class GeneratedMessageStream : Stream
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("From: big@example.org\r\nSubject: generated\r\n\r\n");
    private static readonly byte[] Line = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n");
    private readonly long _length;

    public GeneratedMessageStream(long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, Header.Length);
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, _length - Position);
        for (var i = 0; i < n; i++)
        {
            var at = Position + i;
            buffer[i] = at < Header.Length ? Header[at] : Line[(at - Header.Length) % Line.Length];
        }

        Position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => _length + offset,
    };

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
