<?php
/*
 * The published server behind the firewall: HTTP on 80 and a plain TCP service on 443.
 * It tells its clients nothing about what it sees (a fixed answer); for the tests only it
 * appends one line per accepted connection to a log: "<unix ms> <local port> <peer ip> <peer port>".
 * Usage: php server.php LOGFILE
 */
$log = $argv[1] ?? die("usage: server.php LOGFILE\n");
$listeners = array();
foreach (array(80, 443) as $port) {
	$s = stream_socket_server("tcp://0.0.0.0:{$port}", $errno, $errstr);
	if ($s === false) {
		fwrite(STDERR, "server: cannot listen on {$port}: {$errstr}\n");
		exit(1);
	}
	$listeners[$port] = $s;
}
while (true) {
	$read = array_values($listeners);
	$w = $e = null;
	if (@stream_select($read, $w, $e, null) === false) {
		continue;
	}
	foreach ($read as $s) {
		$port = array_search($s, $listeners, true);
		$c = @stream_socket_accept($s, 0, $peer);
		if ($c === false) {
			continue;
		}
		$i = strrpos($peer, ':');
		file_put_contents($log, sprintf("%d %d %s %s\n", (int)(microtime(true) * 1000), $port,
		    substr($peer, 0, $i), substr($peer, $i + 1)), FILE_APPEND | LOCK_EX);
		stream_set_timeout($c, 1);
		if ($port == 80) {
			/* read the request head, then a fixed page */
			$head = '';
			while (strpos($head, "\r\n\r\n") === false && strlen($head) < 8192) {
				$chunk = fread($c, 1024);
				if ($chunk === false || $chunk === '') {
					break;
				}
				$head .= $chunk;
			}
			fwrite($c, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n");
		} else {
			fwrite($c, "ok\n");
		}
		fclose($c);
	}
}
