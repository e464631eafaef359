using System.IO.Pipelines;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Two pipe ends as one duplex pipe: the client's view of a scripted server.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
