<?php
/*
 * An IP-echo page "on the internet", as public ones (ipify, icanhazip...) are: it tells each
 * visitor the address its connection came from. / is an HTML page, /json is {"ip": "..."},
 * /text the bare address. `lab up` serves it with php -S on $ECHO_ADDR in the inet namespace.
 */
$ip = $_SERVER['REMOTE_ADDR'];
switch (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH)) {
case '/json':
	header('Content-Type: application/json');
	echo json_encode(array('ip' => $ip)), "\n";
	break;
case '/text':
	header('Content-Type: text/plain');
	echo $ip, "\n";
	break;
default:
	header('Content-Type: text/html; charset=utf-8');
	echo "<!DOCTYPE html>\n<html><head><title>What is my IP address?</title></head>\n<body>\n<h1>What is my IP address?</h1>\n",
	    "<p>Your public IP address is <strong>{$ip}</strong>.</p>\n</body></html>\n";
}
