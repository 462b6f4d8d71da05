<?php
/*
 * A client's connection attempt: probe.php tcp|http HOST PORT [SRCPORT] [TIMEOUT_S]
 * Prints one JSON line {"ok":bool,"answer":"...","error":"...","ms":N}; exit 0 when ok.
 * A fixed source port lets the caller find this connection in captures and logs.
 */
list(, $kind, $host, $port) = $argv + array(null, null, null, null);
$src = $argv[4] ?? '0';
$timeout = (float)($argv[5] ?? 2.5);
$ctx = stream_context_create(array('socket' => array('bindto' => "0.0.0.0:{$src}")));
$t0 = microtime(true);
$c = @stream_socket_client("tcp://{$host}:{$port}", $errno, $errstr, $timeout, STREAM_CLIENT_CONNECT, $ctx);
$answer = '';
$error = '';
if ($c === false) {
	$error = $errstr !== '' ? $errstr : "connect failed ({$errno})";
} else {
	stream_set_timeout($c, (int)ceil($timeout));
	if ($kind == 'http') {
		fwrite($c, "GET / HTTP/1.0\r\nHost: {$host}\r\n\r\n");
	}
	$answer = (string)stream_get_contents($c);
	$meta = stream_get_meta_data($c);
	if ($meta['timed_out']) {
		$error = 'timed out waiting for the answer';
	}
	fclose($c);
	if ($kind == 'http' && strpos($answer, "HTTP/1.0 200 OK") !== 0) {
		$error = $error ?: 'no HTTP answer';
	} elseif ($kind == 'tcp' && trim($answer) !== 'ok') {
		$error = $error ?: 'no answer';
	}
}
$ok = $error === '';
echo json_encode(array('ok' => $ok, 'answer' => trim(substr($answer, 0, 200)), 'error' => $error,
    'ms' => (int)((microtime(true) - $t0) * 1000))), "\n";
exit($ok ? 0 : 1);
