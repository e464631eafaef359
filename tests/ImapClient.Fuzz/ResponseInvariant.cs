using System.Buffers;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Fuzz;

/// <summary>
/// What must hold for any bytes a server can send: the scanner splits them into responses or reports a framing
/// error, every response either parses (values read on demand included) or is an <see cref="ImapProtocolException"/>,
/// nothing else is thrown, nothing loops, and memory stays within the limits. Shared by the AFL++ target and the
/// property tests of the normal suite.
/// </summary>
public static class ResponseInvariant
{
    /// <summary>Small caps, so that inputs the fuzzer can reach actually hit them.</summary>
    internal static ImapLimits Limits { get; } = new()
    {
        MaxLineLength = 16 * 1024,
        MaxLiteralSize = 64 * 1024,
        MaxNestingDepth = 32,
        MaxFetchItems = 64,
    };

    /// <summary>Generous: the values built from an input are a small multiple of its size, plus fixed costs.</summary>
    private const long FixedAllocationAllowance = 4 * 1024 * 1024;
    private const long AllocationPerInputByte = 512;

    /// <summary>Runs the input through scanner and parser, split into <paramref name="segmentSize"/>-byte segments (0: one).</summary>
    /// <returns>The number of responses that parsed and the number rejected with <see cref="ImapProtocolException"/>.</returns>
    /// <exception cref="InvariantViolationException">Anything other than a protocol error happened.</exception>
    public static (int Parsed, int Rejected) Check(ReadOnlySpan<byte> input, int segmentSize = 0)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Run(Sequence(input, segmentSize));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var allowed = FixedAllocationAllowance + (AllocationPerInputByte * input.Length);
        if (allocated > allowed)
        {
            throw new InvariantViolationException($"{input.Length} bytes of input allocated {allocated} bytes (allowed {allowed}).");
        }

        return result;
    }

    private static (int Parsed, int Rejected) Run(ReadOnlySequence<byte> buffer)
    {
        var scanner = new ResponseScanner(Limits);
        var arena = new RawValueArena();
        int parsed = 0, rejected = 0;
        while (true)
        {
            long length;
            try
            {
                if (!scanner.TryFindResponse(buffer, out length))
                {
                    return (parsed, rejected);
                }
            }
            catch (ImapProtocolException)
            {
                // A framing error ends the connection: nothing after it is read.
                return (parsed, rejected + 1);
            }
            catch (Exception ex)
            {
                throw new InvariantViolationException($"The scanner threw {ex.GetType().Name}: {ex.Message}", ex);
            }

            if (length <= 0)
            {
                throw new InvariantViolationException($"The scanner found a response of {length} bytes: it would loop.");
            }

            var response = buffer.Slice(0, length);
            buffer = buffer.Slice(length);
            scanner.Reset();
            try
            {
                var result = ResponseParser.Parse(response, Limits, arena);
                Touch(result.Response);
                parsed++;
            }
            catch (ImapProtocolException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                throw new InvariantViolationException($"The parser threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Reads what is parsed on demand, so its parsing is held to the same invariant.</summary>
    private static void Touch(ImapResponse response)
    {
        if (response is not ImapFetchResponse { Message: var message })
        {
            return;
        }

        _ = message.Envelope?.From.Count;
        _ = message.Envelope?.Sender.Count;
        _ = message.Envelope?.To.Count;
        _ = message.BodyStructure?.ContentType.MimeType;
        foreach (var section in message.BodySections)
        {
            if (section.Section.StartsWith("HEADER", StringComparison.OrdinalIgnoreCase) && section.Data is not null)
            {
                _ = message.GetHeaders(section.Section)?.Count;
            }
        }
    }

    private static ReadOnlySequence<byte> Sequence(ReadOnlySpan<byte> input, int segmentSize)
    {
        var copy = input.ToArray();
        return segmentSize <= 0 ? new ReadOnlySequence<byte>(copy) : Segments.Split(copy, segmentSize);
    }
}

/// <summary>The fuzz invariant was broken: a crash for AFL++, a failure for the tests.</summary>
public sealed class InvariantViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvariantViolationException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public InvariantViolationException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that broke the invariant.</param>
    public InvariantViolationException(string message, Exception innerException) : base(message, innerException) { }
}
