using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using ICSharpCode.SharpZipLib.GZip;

namespace ReferralInsights.Ingest.Landing;

/// <summary>Decompresses a gzip file and proves it whole before reporting its end. .NET's inflater (native, fast) stops
/// quietly where a cut-short file ends, so the text read is checked against the file's trailer (CRC-32 and length,
/// RFC 1952). A file of several concatenated members does not match its last trailer; it is then checked member by
/// member with SharpZipLib, which refuses a cut-short or corrupt stream. Either failure is an
/// <see cref="InvalidDataException"/> saying how much text was read.</summary>
internal sealed class VerifiedGzipStream(string file) : Stream
{
    private readonly GZipStream _inner = new(File.OpenRead(file), CompressionMode.Decompress);
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _verified;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Broken(e.Message);
        }
        _crc.Append(buffer[..read]);
        _length += read;
        if (read == 0 && buffer.Length > 0 && !_verified) Verify();
        return read;
    }

    private void Verify()
    {
        _verified = true;
        if (TrailerMatches()) return;
        try
        {
            using var members = new GZipInputStream(File.OpenRead(file));
            members.CopyTo(Stream.Null);
        }
        catch (Exception e) when (e is GZipException or ICSharpCode.SharpZipLib.SharpZipBaseException or EndOfStreamException)
        {
            throw Broken(e.Message);
        }
    }

    private bool TrailerMatches()
    {
        using var raw = File.OpenRead(file);
        if (raw.Length < 18) return false;
        Span<byte> trailer = stackalloc byte[8];
        raw.Seek(-8, SeekOrigin.End);
        raw.ReadExactly(trailer);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer) == _crc.GetCurrentHashAsUInt32()
               && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)_length;
    }

    private InvalidDataException Broken(string detail) =>
        new($"the gzip data is cut short or corrupt after {_length:N0} bytes of text ({detail.TrimEnd('.')})");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
