#!/usr/bin/env python3
"""The MQTT 5 scenarios of AWS's "Introducing new MQTTv5 features for AWS IoT Core" article,
written the way its sample scripts use Eclipse Paho 1.6 (paho-mqtt), driven by the Java
conformance tests. Every observation is printed as one JSON line on stdout; the Java side
asserts on them. Usage:

    aws_mqtt5_scenarios.py SCENARIO --endpoint localhost --port 8883 --certificates-path DIR
"""
import argparse
import json
import os
import ssl
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

TIMEOUT = 10.0


def emit(event, **fields):
    fields["event"] = event
    print(json.dumps(fields, default=lambda v: v.hex() if isinstance(v, bytes) else str(v)), flush=True)


def props_json(properties):
    if properties is None:
        return {}
    data = properties.json()
    if "UserProperty" in data:
        data["UserProperty"] = [list(p) for p in data["UserProperty"]]
    return data


class Device:
    def __init__(self, args, client_id):
        self.client = mqtt.Client(client_id, protocol=mqtt.MQTTv5)
        path = args.certificates_path.rstrip("/")
        self.client.tls_set(ca_certs=path + "/AmazonRootCA1.pem", certfile=path + "/client-cert.pem",
                            keyfile=path + "/private-key.pem", tls_version=ssl.PROTOCOL_TLSv1_2)
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.disconnected = threading.Event()
        self.messages = []
        self.message_arrived = threading.Condition()
        self.client.on_connect = self.on_connect
        self.client.on_subscribe = self.on_subscribe
        self.client.on_message = self.on_message
        self.client.on_disconnect = self.on_disconnect
        self.client.on_publish = lambda c, u, mid: emit("puback", mid=mid)
        self.args = args

    def on_connect(self, client, userdata, flags, rc, properties=None):
        emit("connack", rc=rc.value if hasattr(rc, "value") else rc, session_present=flags.get("session present"),
             properties=props_json(properties))
        self.connected.set()

    def on_subscribe(self, client, userdata, mid, granted_qos, properties=None):
        emit("suback", codes=[q.value if hasattr(q, "value") else q for q in granted_qos])
        self.subscribed.set()

    def on_message(self, client, userdata, message):
        emit("message", topic=message.topic, payload=message.payload.decode("utf-8"), qos=message.qos,
             properties=props_json(getattr(message, "properties", None)))
        with self.message_arrived:
            self.messages.append(message)
            self.message_arrived.notify_all()

    def on_disconnect(self, client, userdata, rc, properties=None):
        emit("disconnect", rc=rc.value if hasattr(rc, "value") else rc, properties=props_json(properties))
        self.disconnected.set()

    def connect(self, clean_start=True, session_expiry=None):
        properties = None
        if session_expiry is not None:
            properties = Properties(PacketTypes.CONNECT)
            properties.SessionExpiryInterval = session_expiry
        self.client.connect(self.args.endpoint, self.args.port, keepalive=60, clean_start=clean_start,
                            properties=properties)
        self.client.loop_start()
        if not self.connected.wait(TIMEOUT):
            emit("error", text="no CONNACK")
            sys.exit(1)

    def subscribe(self, topic_filter, qos=0):
        self.subscribed.clear()
        self.client.subscribe(topic_filter, qos)
        if not self.subscribed.wait(TIMEOUT):
            emit("error", text="no SUBACK")
            sys.exit(1)

    def wait_messages(self, count):
        deadline = time.monotonic() + TIMEOUT
        with self.message_arrived:
            while len(self.messages) < count and time.monotonic() < deadline:
                self.message_arrived.wait(deadline - time.monotonic())
        return self.messages

    def stop(self):
        self.client.disconnect()
        self.client.loop_stop()


def scenario1(args):
    device = Device(args, "TestThing01")
    device.connect()
    device.subscribe("home07/main_door/#")
    props = Properties(PacketTypes.PUBLISH)
    props.ResponseTopic = "home07/main_door/status"
    props.CorrelationData = json.dumps({"user_profile_id": 4,
                                        "request_id": "eb1bd30a-c7e6-42a4-9e00-d5baee89f65c"}).encode("utf-8")
    device.client.publish("home07/main_door/lock", "LOCK", qos=0, properties=props)
    request = device.wait_messages(1)[0]
    answer = Properties(PacketTypes.PUBLISH)
    answer.CorrelationData = request.properties.CorrelationData
    device.client.publish(request.properties.ResponseTopic, "USER_IS_NOT_AUTHENTICATED", qos=0, properties=answer)
    device.wait_messages(2)
    device.stop()


def scenario2(args):
    device = Device(args, "TestThing02")
    device.connect()
    device.subscribe("sensors/gateway01/#")
    first = Properties(PacketTypes.PUBLISH)
    first.UserProperty = [("Content-Type", "text/plain"), ("Hardware-Revision", "brandX-rev1.17c")]
    device.client.publish("sensors/gateway01/sensor01", "23.4", qos=0, properties=first)
    second = Properties(PacketTypes.PUBLISH)
    second.UserProperty = [("Content-Type", "base64"), ("Hardware-Manufacturer", "brandX-rev8.2")]
    device.client.publish("sensors/gateway01/sensor02", "MjMuNw==", qos=0, properties=second)
    device.client.publish("sensors/gateway01/sensor03", "24.4", qos=0)
    device.wait_messages(3)
    device.stop()


def scenario3(args):
    topic = "sensors/field/field001/equipments/a804e598-ee90-4f89-9cde-458f8fe9b980/temperature"
    listener = Device(args, "TestThing03-Listener")
    listener.connect()
    listener.subscribe(topic)
    device = Device(args, "TestThing03")
    device.connect()
    alias = Properties(PacketTypes.PUBLISH)
    alias.TopicAlias = 1
    device.client.publish(topic, "23.4", qos=0, properties=alias)
    device.client.publish("", "25.5", qos=0, properties=alias)
    device.client.publish("", "22.2", qos=0, properties=alias)
    listener.wait_messages(3)
    emit("still_connected", value=device.client.is_connected() and not device.disconnected.is_set())
    device.stop()
    listener.stop()


def scenario5(args):
    device = Device(args, "TestThing05")
    device.connect()
    info = device.client.publish("gateway/" + "x" * 74, "on", qos=1)
    info.wait_for_publish(TIMEOUT)
    alias = Properties(PacketTypes.PUBLISH)
    alias.TopicAlias = 14
    device.client.publish("gateway/alias", "on", qos=1, properties=alias)
    if not device.disconnected.wait(TIMEOUT):
        emit("error", text="no DISCONNECT")
        sys.exit(1)
    device.client.loop_stop()


# Scenario 4 runs as steps, so that the test controls the broker's clock between them.

def scenario4_subscribe(args):
    """Connects persistently, subscribes vehicle/# at QoS 1, then dies: no DISCONNECT."""
    device = Device(args, "TestThing04-Sub")
    device.connect(clean_start=False, session_expiry=args.session_expiry)
    device.subscribe("vehicle/#", qos=1)
    emit("killed")
    os._exit(0)


def scenario4_publish(args):
    device = Device(args, "TestThing04-Pub")
    device.connect()
    properties = Properties(PacketTypes.PUBLISH)
    properties.MessageExpiryInterval = args.expiry
    info = device.client.publish(args.topic, args.payload, qos=1, properties=properties)
    info.wait_for_publish(TIMEOUT)
    device.stop()


def scenario4_resume(args):
    device = Device(args, "TestThing04-Sub")
    device.connect(clean_start=False, session_expiry=args.session_expiry)
    if args.expect > 0:
        device.wait_messages(args.expect)
    else:
        time.sleep(1.0)  # give a wrongly kept message the chance to arrive
    device.stop()


STEPS = {"1": scenario1, "2": scenario2, "3": scenario3, "5": scenario5,
         "4-subscribe": scenario4_subscribe, "4-publish": scenario4_publish, "4-resume": scenario4_resume}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(STEPS))
    parser.add_argument("--endpoint", default="localhost")
    parser.add_argument("--port", type=int, default=8883)
    parser.add_argument("--certificates-path", required=True)
    parser.add_argument("--session-expiry", type=int, default=300)
    parser.add_argument("--topic")
    parser.add_argument("--payload")
    parser.add_argument("--expiry", type=int)
    parser.add_argument("--expect", type=int, default=0)
    args = parser.parse_args()
    STEPS[args.scenario](args)
    emit("done")


if __name__ == "__main__":
    main()
